from auditor.cli.main import main

main()
