"""The statement extractor's parts; :func:`core.statements.extract_statements` runs them.

layout (paragraphs, sentences) -> quotes and turns (containers) -> cues, subjects and contents
in each sentence (clauses, postposed) -> nesting and run-on -> speakers -> records and
participants.  Everything is rules over tokens and regexes on blank English.
"""
