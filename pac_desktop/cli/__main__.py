import sys

from pac_desktop.cli import main

sys.exit(main())
