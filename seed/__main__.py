"""``python -m seed --scale mine [--if-empty]``."""

from seed.cli import main

raise SystemExit(main())
