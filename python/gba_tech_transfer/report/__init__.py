"""`make report`: the marts as one self-contained, offline HTML page (page), checked in a headless browser.
`python -m gba_tech_transfer.report` runs it."""
