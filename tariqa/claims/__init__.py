"""Published claims about a group, checked against the record: the claims file
(``claims.model``) and the verdicts (``claims.check``)."""
