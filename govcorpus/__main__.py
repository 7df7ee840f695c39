from govcorpus.cli.main import app

app()
