"""The narrative fields, one module per family: what each is read from, and the findings.

* :mod:`~govdisclosure.parse.narrative.overview`: the title, the preamble and section 一.
* :mod:`~govdisclosure.parse.narrative.dates`: the year, the period, the publication date.
* :mod:`~govdisclosure.parse.narrative.agency`: the issuing agency and the signature.
* :mod:`~govdisclosure.parse.narrative.contact`: the contact details.
* :mod:`~govdisclosure.parse.narrative.issues`: section 五's problems and measures.
* :mod:`~govdisclosure.parse.narrative.fees`: section 六 and its information-processing fees.
* :mod:`~govdisclosure.parse.narrative.figures`: table figures that only the prose states.
"""
