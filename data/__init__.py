"""The course's data files, installed with the library as the package ``mlcourse.data``.

This folder is the repository's ``data/`` and, through the ``package-dir`` mapping in
``pyproject.toml``, also the package ``mlcourse.data``: a wheel or sdist carries the files inside
``mlcourse/data/``, an editable install maps the package onto this very folder, and the repository
keeps a single copy. ``mlcourse.datasets`` finds them with ``importlib.resources``; nothing here is
meant to be imported by hand.
"""
