import sys

from bbtui.cli import main

sys.exit(main())
