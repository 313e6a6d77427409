"""Demo course content: pure data that the demo loader turns into Wagtail pages.

Each module defines ``COURSE``, a dict with the course code, slug, topic, cover image and one
content tree per language (``translations``). Image blocks and covers name files in
``demodata/images/``, which ``demodata/images/make_images.py`` regenerates.
"""

from . import human_rights, tip, wildlife

COURSES = [tip.COURSE, wildlife.COURSE, human_rights.COURSE]
