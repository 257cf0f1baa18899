"""Chapter companions: what one chapter needs beyond the code it teaches.

Each module is named after its notebook in ``chapters/`` (``ch06_backpropagation`` goes with
``chapters/06-backpropagation.ipynb``) and holds only what is not the lesson itself: figures,
sliders and the harnesses of longer experiments. The code a chapter teaches is written in the
chapter's own cells. ``plotting`` holds the figures several chapters share.

Nothing here is imported by ``import mlcourse``: these modules need matplotlib and ipywidgets, and
a learner who uses the library after the course does not.
"""
