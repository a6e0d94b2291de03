from wennuan.cli import main

main()
