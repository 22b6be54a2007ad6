"""``python -m seed [--scale mine|group] [--if-empty]``."""

from seed.cli import main

raise SystemExit(main())
