import sys

from data_layer.cli import main

sys.exit(main())
