from govcorpus.cli import app

app()
