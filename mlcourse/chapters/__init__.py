"""Chapter companions: what a chapter needs beyond the code it teaches.

A chapter that needs one has a companion named after its notebook (``ch07_backpropagation`` goes
with ``chapters/07-backpropagation.ipynb``). It holds only what is not the lesson itself: figures,
sliders and the harnesses of longer experiments. The code a chapter teaches is written in the
chapter's own cells. ``plotting`` holds the figures several chapters share.

Nothing here is imported by ``import mlcourse``: these modules need matplotlib and ipywidgets, and
a learner who uses the library after the course does not.
"""
