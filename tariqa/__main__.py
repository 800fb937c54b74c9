from tariqa.cli import main

main()
