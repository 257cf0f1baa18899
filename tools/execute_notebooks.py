"""Re-execute chapters in place, top to bottom in a fresh kernel, as they must be committed.

Usage (what ``make notebooks`` runs)::

    .venv/bin/python tools/execute_notebooks.py chapters                 # every chapter
    .venv/bin/python tools/execute_notebooks.py chapters/03-gradient-descent.ipynb

Each notebook runs in a new kernel of *this* interpreter (the course's .venv, whatever other
kernels are installed on the machine), with its own folder as the working directory, as JupyterLab
and nbval run it. Then the widget state is dropped: it is large, changes on every run, and a slider
re-creates it when the cell runs. Execution timestamps are not recorded, so a re-run without a real
change leaves a clean diff. A cell that raises stops that notebook and leaves its file unchanged.
"""

import argparse
import sys
from pathlib import Path

import ipykernel.kernelspec
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

TIMEOUT_SECONDS = 600  # per cell; a lesson cell that takes longer than this is a bug


class _ThisInterpreterKernelSpecs(KernelSpecManager):
    """Every kernel name resolves to ipykernel in the running interpreter.

    A "python3" kernelspec in the user's Jupyter folders could point at another Python that lacks
    mlcourse; the committed outputs must come from the course's environment.
    """

    def get_kernel_spec(self, kernel_name):
        return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                      **ipykernel.kernelspec.get_kernel_dict())


def strip_volatile_metadata(nb):
    """Remove widget state and per-cell execution timestamps from ``nb`` (in place)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def execute_in_place(path):
    """Run the notebook at ``path`` top to bottom in a fresh kernel and write it back."""
    nb = nbformat.read(path, as_version=4)
    kernel_manager = KernelManager(kernel_name="python3",
                                   kernel_spec_manager=_ThisInterpreterKernelSpecs())
    client = NotebookClient(nb, km=kernel_manager, timeout=TIMEOUT_SECONDS,
                            # True although the state is stripped below: with False, nbclient's
                            # output-widget hook raises KeyError on any cell that shows a slider
                            record_timing=False, store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    strip_volatile_metadata(nb)
    nbformat.write(nb, path)


def notebooks_under(targets):
    """The .ipynb files named in ``targets`` (files, or folders searched one level deep), sorted."""
    found = []
    for target in map(Path, targets):
        if target.is_dir():
            found.extend(sorted(target.glob("*.ipynb")))
        elif target.suffix == ".ipynb" and target.is_file():
            found.append(target)
        else:
            raise SystemExit(f"not a notebook or a folder of notebooks: {target}")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="+", help="notebooks, or folders of notebooks (e.g. chapters)")
    args = parser.parse_args(argv)
    failed = []
    for path in notebooks_under(args.targets):
        print(f"executing {path} ...", flush=True)
        try:
            execute_in_place(path)
        except CellExecutionError as error:
            print(f"FAILED {path}: file left unchanged\n{error}", file=sys.stderr)
            failed.append(path)
    if failed:
        raise SystemExit(f"{len(failed)} notebook(s) failed: {', '.join(map(str, failed))}")


if __name__ == "__main__":
    main()
