from innovatiebieb.cli.main import main

main()
