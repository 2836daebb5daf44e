"""``python -m teiedition``: the same command line as the ``teiedition`` script."""

from teiedition.cli import main

main(prog_name="teiedition")
