"""How fast is the network's cost + gradient, side by side with what it could be compared to?

One run, one BLAS thread, a synthetic 5000×400 → 25 → 10 problem (float64, λ = 1), timed in
interleaved rounds (each round runs every contender once, in an order that rotates from round to
round, so a slow spell of the machine hits them all alike). Contenders:

- ``network.cost_and_gradient``, the library, input checks included (shapes, labels and λ, timed
  alone too; X is not scanned for NaN/inf, which would add a tenth: a NaN/inf in X shows in z2);
- the five matrix products backpropagation needs, alone: X Θ(1)ᵀ, a2 Θ(2)ᵀ, δ(3) Θ(2), δ(3)ᵀ a2 and
  δ(2)ᵀ X, each in whichever operand order (A B or (Bᵀ Aᵀ)ᵀ) is faster on the machine running the
  script, timed first — a floor no numpy code can beat;
- :func:`textbook`, a plain numpy version written here, as a learner would after chapter 07;
- PyTorch float64 autograd of the same cost (:func:`torch_contender`: the idiomatic
  ``binary_cross_entropy_with_logits`` on z3, PyTorch's own MKL held to one thread by
  ``torch.set_num_threads(1)``), when ``import torch`` works. It is an optional extra, never needed
  by the course: ``make bench EXTRAS=1 TORCH=...`` installs its CPU build (requirements-bench.txt
  says how); without it the script prints "PyTorch: skipped: not importable" and times the rest.

The script first prints how far each contender's J and gradients are from the library's (rounding
level, or the comparison would be meaningless). Each ratio is the median over rounds of the
per-round ratio. Targets (issue 8): cost_and_gradient ≤ 1.35× the products, and ≤ 1.0× the
textbook version (within noise); PyTorch is compared side by side, with no target, and no verdict
line depends on it.

Measured (2 cores, quiet; numpy 2.4.6 on OpenBLAS 0.3.31 SkylakeX, 1 thread; torch 2.13.0+cpu on
MKL, 1 thread): J and gradients agree to 6.9e-16 (textbook) and 3.3e-16 (PyTorch).

=======================================  ===============  ===============  ================
run (SkylakeX kernel)                    library ÷        library ÷        library ÷
                                         products (1.35)  textbook (1.0)   PyTorch autograd
=======================================  ===============  ===============  ================
glibc keeping freed memory (5 runs)      1.30–1.35×       0.84–0.86×       —
default allocator, ~1,150 faults/call    1.50–1.56×       0.87–0.91×       —
with PyTorch, glibc keeping memory (4)   1.35–1.39×       0.87–0.89×       1.01–1.05×
with PyTorch, default allocator (few     1.37–1.42×       0.89–0.91×       0.99–1.03×
faults once torch is imported)
=======================================  ===============  ===============  ================

Without page faults the library takes 6.9–7.6 ms, the products 5.3–5.6 ms, the textbook version
8.2–8.8 ms; with PyTorch interleaved every numpy contender is slower, the library most (7.9–8.4
ms, products 5.6–5.9 ms). Other kernels (OPENBLAS_CORETYPE, one run each, glibc keeping freed
memory / default allocator): Haswell 1.28× / 1.46× the products and 0.93× / 0.95× the textbook, Zen
(Haswell's kernels) 1.28× / 1.49× and 0.93× / 0.96×, Sandybridge 1.30× / 1.45× and 1.02× / 1.05× —
the one kernel on which X Θ(1)ᵀ is the faster order (by an eighth), so the textbook version, which
writes it that way, gains there what the library's order loses.

Where the time beyond the products goes: about 1.6 ms of elementwise passes over the (m, s2) and
(m, K) arrays — g(z2) and g'(z2) about 0.35 ms each (an exponential or cosh, three more passes and
the NaN check), the cross-entropy 0.3 ms, δ(3) 0.2 ms; a2 Θ(2)ᵀ and δ(3)ᵀ a2 are also 0.1–0.2 ms
slower, together, inside the call than alone (the other orders are no faster there, below). Then
page faults: every plain-numpy contender makes fresh arrays (the library 4–5 MB of them per call:
z2, a2, δ(2) and the temporaries of g and g'), and glibc's malloc hands that memory back to the
system when more than its trim threshold (twice the largest block it has unmapped so far, about 2 MB
here) lies free at the top of the heap, so the next call faults it in again (about 1,150 faults,
1.5–2 ms, per call here; as many in a kernel that has drawn a figure and trained on the digits
first, so learners pay them too). Whether it does depends on what the process allocated before: with
torch imported it does not. Only reusing buffers from call to call, the scratch workspaces issue 8
rules out, avoids them in every process. The script therefore also prints the page faults per call,
then runs itself once more in a child process with glibc told to keep freed memory
(``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_MMAP_THRESHOLD_``): the same code, without that cost. The
course sets neither variable; they show what the allocator costs.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_network.py``; with PyTorch, ``make bench
EXTRAS=1 TORCH=...`` (requirements-bench.txt), or any environment with torch and the course, e.g. a
throwaway ``python3 -m venv /tmp/benchenv && /tmp/benchenv/bin/pip install -c requirements-lock.txt
-e . torch==2.13.0+cpu --extra-index-url https://download.pytorch.org/whl/cpu``, then
``/tmp/benchenv/bin/python benchmarks/bench_network.py``. ``tests/test_benchmarks.py`` tests the
contender, present and absent.

Plain-numpy variants tried against the 1.35× target (interleaved, SkylakeX):

- Kept: z2 as (Θ(1) Xᵀ)ᵀ, and δ(3) Θ(2) as (Θ(2)ᵀ δ(3)ᵀ)ᵀ so that it shares g'(z2)'s memory layout:
  X Θ(1)ᵀ takes 3.1–3.4 ms here, Θ(1) Xᵀ 2.2–2.5 ms (AVX-512; 10% faster with AVX2, 10% slower
  with AVX). Together 1.81–1.83× → 1.64–1.67× the products and 1.04–1.05× → 0.95× the textbook
  (1.61–1.63× → 1.39–1.40× the products with glibc keeping memory). The products' last bits then
  differ between kernels in another way than before; chapter 09 prints only digits that one-ulp
  perturbations of the initial weights leave unchanged, and passes under every kernel the
  portability test runs, in both orders.
- Not kept: g'(z2) as a2(1 − a2), from the a2 at hand (4–7% faster): :func:`network.backward` then
  would not read as chapter 07 writes δ(2), and its ``z2`` parameter would go unused.
- Kept: g(z) as 1 / (1 + e^(-z)) and g'(z) as 1 / (2 (1 + cosh z)), formulas as written (the
  overflow of e^(-z) or cosh z for |z| > 709 gives the right limit, 0), instead of taking e^(-|z|)
  and assembling the two signs' forms from it: 0.52 → 0.30 ms and 0.41 → 0.28 ms on a (5000, 25)
  array alone, 1.64–1.67× → 1.50–1.56× the products (1.39–1.40× → 1.30–1.35× with glibc keeping
  memory). Every chapter passes strict nbval under every kernel the portability test runs.
- Not kept: z3 as (Θ(2) a2ᵀ)ᵀ or Θ(2)_grad as (a2ᵀ δ(3))ᵀ, the faster orders alone: no faster inside
  the call (z3 would come out column-ordered against the row-ordered Y). Σ Y ⊙ z3 as the sum of
  z3[Y == 1]: slower.
- Reached earlier: no NaN/inf pass over X up front (0.8 ms); checked input not checked again by the
  forward and backward passes inside cost_and_gradient (0.2 ms): 2.03× → 1.81–1.83× the products.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import largest_difference, print_table

from mlcourse import network, sigmoid, sigmoid_gradient
from mlcourse._validation import check_network_data

SEED = 0  # any fixed seed: the figures must not depend on a lucky draw
ROUNDS = 60
LAMBDA = 1.0


def synthetic_problem(m=5000, n=400, s2=25, K=10):
    rng = np.random.default_rng(SEED)
    X = rng.random((m, n))
    y = rng.integers(0, K, size=m)
    Theta1, Theta2 = network.initialize_weights(n, s2, K, seed=SEED)
    return Theta1, Theta2, X, y


def textbook(Theta1, Theta2, X, y, lambda_):
    """Cost and gradient as plain numpy: bias split, stable cost from z3, δ(2)ᵀ X."""
    m, K = X.shape[0], Theta2.shape[0]
    Y = np.eye(K)[y]
    z2 = X @ Theta1[:, 1:].T + Theta1[:, 0]
    a2 = np.hstack([np.ones((m, 1)), 1 / (1 + np.exp(-z2))])
    z3 = a2 @ Theta2.T
    a3 = 1 / (1 + np.exp(-z3))
    J = np.sum(np.logaddexp(0, z3) - Y * z3) / m
    J += lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    delta3 = a3 - Y
    delta2 = (delta3 @ Theta2[:, 1:]) * a2[:, 1:] * (1 - a2[:, 1:])
    Theta1_grad = np.hstack([delta2.sum(axis=0)[:, None], delta2.T @ X]) / m
    Theta2_grad = delta3.T @ a2 / m
    Theta1_grad[:, 1:] += lambda_ / m * Theta1[:, 1:]
    Theta2_grad[:, 1:] += lambda_ / m * Theta2[:, 1:]
    return J, (Theta1_grad, Theta2_grad)


# Each product can be taken in two operand orders, A B or (Bᵀ Aᵀ)ᵀ, and which one is faster depends
# on the BLAS kernel: here (SkylakeX) Θ(1) Xᵀ beats X Θ(1)ᵀ by about a quarter, under Sandybridge the
# reverse holds. fastest_products() times both orders of each product on this machine and keeps the
# faster, so "products alone" is this machine's floor, whichever order the library happens to use.
PRODUCTS = {  # name: (the product as A B, the same product as (Bᵀ Aᵀ)ᵀ)
    "X Θ(1)ᵀ (z2 without its bias)": (lambda p: p["X"] @ p["W1"].T, lambda p: (p["W1"] @ p["X"].T).T),
    "a2 Θ(2)ᵀ (z3)": (lambda p: p["a2"] @ p["Theta2"].T, lambda p: (p["Theta2"] @ p["a2"].T).T),
    "δ(3) Θ(2) (back into the hidden layer)": (lambda p: p["delta3"] @ p["W2"],
                                              lambda p: (p["W2"].T @ p["delta3"].T).T),
    "δ(3)ᵀ a2 (Θ(2)_grad)": (lambda p: p["delta3"].T @ p["a2"], lambda p: (p["a2"].T @ p["delta3"]).T),
    "δ(2)ᵀ X (Θ(1)_grad without its bias column)": (lambda p: p["delta2"].T @ p["X"],
                                                    lambda p: (p["X"].T @ p["delta2"]).T),
}


def fastest_products(operands, repeats=15):
    """The five products, each in its faster operand order here; and a line naming the orders."""
    chosen, names = [], []
    for name, orders in PRODUCTS.items():
        medians = []
        for product in orders:
            seconds = []
            for _ in range(repeats):
                start = time.perf_counter()
                product(operands)
                seconds.append(time.perf_counter() - start)
            medians.append(np.median(seconds))
        faster = int(np.argmin(medians))
        chosen.append(orders[faster])
        names.append(f"{name}: {'as written' if faster == 0 else 'transposed'} "
                     f"({medians[faster] * 1e3:.2f} ms vs {medians[1 - faster] * 1e3:.2f} ms)")

    def products_alone():
        for product in chosen:
            product(operands)

    return products_alone, "; ".join(names)


def torch_contender(Theta1, Theta2, X, y, lambda_):
    """Cost + gradient by PyTorch float64 autograd, or ``(None, reason)`` when torch is missing.

    ``run()`` returns ``(J, (Theta1_grad, Theta2_grad))`` as numpy, like the library. The cost is
    what a PyTorch user writes for K sigmoid outputs: ``binary_cross_entropy_with_logits`` on z3
    (stable, from z as the course's is), summed and divided by m, plus the penalty without the bias
    column. PyTorch brings its own BLAS (MKL in the x86 wheels) and threads, hence
    ``torch.set_num_threads(1)`` for one thread, as the other contenders run on one BLAS thread.
    """
    try:
        import torch
    except ImportError as error:
        return None, f"PyTorch: skipped: not importable ({error}); optional, see requirements-bench.txt"
    torch.set_num_threads(1)
    X_t = torch.from_numpy(X)
    Y_t = torch.from_numpy(np.eye(Theta2.shape[0])[y])
    m = X.shape[0]
    ones = torch.ones(m, 1, dtype=torch.float64)

    def run():
        W1 = torch.from_numpy(Theta1).requires_grad_()  # fresh leaves: no gradient left from a call before
        W2 = torch.from_numpy(Theta2).requires_grad_()
        z2 = X_t @ W1[:, 1:].T + W1[:, 0]
        a2 = torch.cat([ones, torch.sigmoid(z2)], dim=1)
        z3 = a2 @ W2.T
        J = torch.nn.functional.binary_cross_entropy_with_logits(z3, Y_t, reduction="sum") / m
        J = J + lambda_ / (2 * m) * ((W1[:, 1:] ** 2).sum() + (W2[:, 1:] ** 2).sum())
        J.backward()
        return J.item(), (W1.grad.numpy(), W2.grad.numpy())

    blas = "MKL" if torch.backends.mkl.is_available() else "its own BLAS"
    return run, (f"PyTorch {torch.__version__} float64 autograd on {blas}, "
                 f"{torch.get_num_threads()} thread (torch.set_num_threads)")


def interleaved_rounds(contenders, rounds, warmup=3):
    """Seconds of each contender in every round, and its page faults per call.

    The order rotates by one each round, so that every contender follows every other equally often:
    in a fixed order the first one always ran right after the last (PyTorch, when present) and
    inherited its caches and allocator state.

    Returns ``({name: array of shape (rounds,)}, {name: mean minor page faults per call})``.
    """
    for _ in range(warmup):
        for function in contenders.values():
            function()
    times = {name: [] for name in contenders}
    faults = dict.fromkeys(contenders, 0)
    names = list(contenders)
    for round_ in range(rounds):
        start_at = round_ % len(names)
        for name in names[start_at:] + names[:start_at]:
            function = contenders[name]
            faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
            faults[name] += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before
    return ({name: np.array(seconds) for name, seconds in times.items()},
            {name: count / rounds for name, count in faults.items()})


def blas_kernel():
    info = [entry for entry in threadpool_info() if entry.get("user_api") == "blas"]
    return ", ".join(f"{entry['internal_api']} {entry.get('version')} ({entry.get('architecture')})"
                     for entry in info) or "unknown"


def main():
    Theta1, Theta2, X, y = synthetic_problem()
    library = lambda: network.cost_and_gradient(Theta1, Theta2, X, y, LAMBDA)  # noqa: E731
    reference = library()
    differences = {"textbook numpy": largest_difference(reference, textbook(Theta1, Theta2, X, y, LAMBDA))}
    z2, a2, z3 = network.forward_scores(Theta1, Theta2, X)
    delta3 = sigmoid(z3) - np.eye(10)[y]
    delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)
    operands = {"X": X, "W1": Theta1[:, 1:], "Theta2": Theta2, "W2": Theta2[:, 1:], "a2": a2,
                "delta3": delta3, "delta2": delta2}
    with threadpool_limits(limits=1, user_api="blas"):
        products_alone, orders = fastest_products(operands)
    contenders = {
        "network.cost_and_gradient": library,
        "its input checks alone": lambda: check_network_data(Theta1, Theta2, X, y, LAMBDA, finite_X=False),
        "products alone": products_alone,
        "textbook numpy": lambda: textbook(Theta1, Theta2, X, y, LAMBDA),
    }
    run_torch, torch_note = torch_contender(Theta1, Theta2, X, y, LAMBDA)
    if run_torch is not None:
        differences["PyTorch autograd"] = largest_difference(reference, run_torch())
        contenders["PyTorch autograd"] = run_torch

    with threadpool_limits(limits=1, user_api="blas"):
        times, faults = interleaved_rounds(contenders, ROUNDS)
    library_times = times["network.cost_and_gradient"]
    rows = []
    for name, seconds in times.items():
        ratio = np.median(library_times / seconds)
        rows.append([name, f"{np.median(seconds) * 1e3:.2f} ms", f"{ratio:.2f}×", f"{faults[name]:.0f}"])
    keeps = KEEP_FREED_MEMORY.keys() & os.environ.keys()
    allocator = "glibc keeps freed memory" if keeps else "default allocator"
    print(f"BLAS: {blas_kernel()}, limited to 1 thread; {allocator}")
    print(torch_note)
    print("largest difference from network.cost_and_gradient's J and gradients: "
          + ", ".join(f"{name} {difference:.1e}" for name, difference in differences.items()))
    print(f"products alone, each in the operand order faster on this machine: {orders}")
    print_table(f"Network cost + gradient, 5000×400 → 25 → 10, float64, λ = 1 ({ROUNDS} interleaved "
                f"rounds, medians; {allocator})",
                ["contender", "time", "library ÷ this (median per round)", "page faults per call"], rows)
    over_products = np.median(library_times / times["products alone"])
    over_textbook = np.median(library_times / times["textbook numpy"])
    unchecked_times = library_times - times["its input checks alone"]
    print(f"\ncost_and_gradient ÷ products alone: {over_products:.2f}× — "
          f"{'meets' if over_products <= 1.35 else 'MISSES'} the target (≤ 1.35×)")
    print(f"cost_and_gradient ÷ textbook numpy: {over_textbook:.2f}× — "
          f"{'meets' if over_textbook <= 1.03 else 'MISSES'} the target (≤ 1.0×, 3% noise allowed)")
    print("cost_and_gradient less its input checks (what each training iteration runs): "
          f"{np.median(unchecked_times / times['products alone']):.2f}× the products, "
          f"{np.median(unchecked_times / times['textbook numpy']):.2f}× the textbook version")


# What the child process sets: glibc then keeps freed memory instead of handing it back (and
# faulting it in again on the next call). 256 MiB, far above anything one call allocates.
KEEP_FREED_MEMORY = {"MALLOC_TRIM_THRESHOLD_": str(256 << 20), "MALLOC_MMAP_THRESHOLD_": str(256 << 20)}

if __name__ == "__main__":
    main()
    if not KEEP_FREED_MEMORY.keys() & os.environ.keys():
        print("\nThe same run once more, with glibc keeping freed memory (what the page faults cost):",
              flush=True)
        subprocess.run([sys.executable, __file__], env={**os.environ, **KEEP_FREED_MEMORY}, check=True)
