"""The one error type for refusals a person should read: a Chinese message naming the field and row."""


class Refused(Exception):
    """A request the data layer will not carry out; nothing was written.

    ``message`` is shown to the person as it is; ``field`` and ``row`` say where the problem is.
    """

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row

    def __str__(self) -> str:
        where = "".join(
            part
            for part in (f"第 {self.row} 行" if self.row else "", f"“{self.field}”" if self.field else "")
        )
        return f"{where}：{self.message}" if where else self.message
