"""Input checks shared by every public function of the course.

Each raises ``TypeError`` (wrong kind of thing) or ``ValueError`` (right kind, wrong shape or value)
as ``<parameter> must …; got …``: which argument, what was expected and what came, never a numpy
traceback from three calls deeper or a silent broadcast. Labels of shape ``(m, 1)`` get their own
message: ``h - y`` would broadcast them to an ``(m, m)`` matrix and a wrong cost, without a word.
"""

import reprlib
from numbers import Integral, Real

import numpy as np

__all__ = ["as_float_matrix", "as_float_vector", "as_numeric_array", "check_backward_data",
           "check_binary_labels", "check_callable", "check_class_labels", "check_finite",
           "check_initial_weights", "check_kernel_result", "check_labels_shape", "check_lambda",
           "check_network_data", "check_network_thetas", "check_num_labels", "check_positive_int",
           "check_positive_real", "check_real_scalar", "check_seed", "check_theta_for_X"]


def _describe(array):
    """Return e.g. 'a 2-D array of shape (100, 1)' for error messages."""
    return f"a {array.ndim}-D array of shape {array.shape}"


def as_numeric_array(value, name):
    """Return ``value`` as a numpy array of real numbers (any shape, no copy), or raise ``TypeError``."""
    if value is None:
        raise TypeError(f"{name} must be an array of numbers; got None")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise TypeError(f"{name} must be a rectangular array of numbers; got {type(value).__name__} "
                        f"that numpy cannot turn into one ({error})") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers; got an array of dtype {array.dtype}")
    if array.dtype.kind == "f" and array.dtype.itemsize > 8:  # long double: beyond 1.8e308 it becomes
        with np.errstate(over="ignore"):                        # inf, which the finite check then names
            array = array.astype(np.float64)
    return array


def check_finite(array, name):
    """Raise ``ValueError`` naming the first NaN/inf entry of ``array``, if it has one."""
    finite = np.isfinite(array)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        where = first[0] if len(first) == 1 else first
        raise ValueError(f"{name} must hold only finite numbers; got {len(bad)} NaN or inf value(s), "
                         f"the first {array[first]} at index {where}")


def as_float_matrix(X, name="X", *, columns=None, columns_reason="", shape="(m, n), one row per example",
                    finite=True):
    """Return ``X`` as a float64 matrix with ≥ 1 row and column, finite unless ``finite=False``; or raise.

    ``columns``, if given, is the number of columns ``X`` must have, and ``columns_reason`` why
    (appended to the message, e.g. "to match theta"); ``shape`` describes the expected shape.
    """
    array = as_numeric_array(X, name)
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape {shape}; got {_describe(array)}")
    if 0 in array.shape:  # no examples, or examples without a single number to learn from
        raise ValueError(f"{name} must have at least one row and one column; got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        reason = f" {columns_reason}" if columns_reason else ""
        raise ValueError(f"{name} must have {columns} columns{reason}; got shape {array.shape}")
    array = array.astype(np.float64, copy=False)
    if finite:
        check_finite(array, name)
    return array


def as_float_vector(v, name, *, length=None, length_reason=""):
    """Return ``v`` as a finite float64 vector of shape ``(length,)``, or raise naming ``name``.

    A column ``(length, 1)`` or row ``(1, length)`` is refused rather than flattened: silently
    reshaping would hide the orientation mistake the course wants learners to notice.
    """
    array = as_numeric_array(v, name)
    if array.ndim != 1:
        hint = ""
        if array.ndim == 2 and 1 in array.shape:
            hint = f"; pass {name}.ravel() to turn it into a 1-D vector"
        expected = f"({length},)" if length is not None else "(n,)"
        raise ValueError(f"{name} must be a 1-D vector of shape {expected}; got {_describe(array)}{hint}")
    if array.size == 0:
        raise ValueError(f"{name} must have at least one entry; got shape {array.shape}")
    if length is not None and array.shape[0] != length:
        reason = f" {length_reason}" if length_reason else ""
        raise ValueError(f"{name} must have shape ({length},){reason}; got {array.shape}")
    array = array.astype(np.float64, copy=False)
    check_finite(array, name)
    return array


def _as_float_shaped(value, name, shape, symbols, finite=True):
    """Return ``value`` as a float64 array of exactly ``shape``, finite unless ``finite=False``."""
    array = as_numeric_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {symbols} = {shape}; got {_describe(array)}")
    array = array.astype(np.float64, copy=False)
    if finite:
        check_finite(array, name)
    return array


def check_labels_shape(y, m, name="y", rows_of="X"):
    """Return labels as an array of shape ``(m,)``, m the rows of ``rows_of``; or raise, explaining (m, 1)."""
    array = as_numeric_array(y, name)
    if array.shape == (m, 1):
        raise ValueError(f"{name} must have shape (m,) = ({m},) to match {rows_of}; got ({m}, 1). A column "
                         f"of labels broadcasts against the ({m},) predictions into an {m}×{m} matrix and "
                         f"gives a wrong cost without any error; pass {name}.ravel()")
    if array.ndim != 1 or array.shape[0] != m:
        raise ValueError(f"{name} must have shape (m,) = ({m},) to match the {m} rows of {rows_of}; "
                         f"got {_describe(array)}")
    check_finite(array.astype(np.float64), name)
    return array


def check_binary_labels(y, m, name="y"):
    """Return labels 0 or 1 (booleans accepted) as float64 of shape ``(m,)``, m the rows of X, or raise."""
    array = check_labels_shape(y, m, name)
    values = np.unique(array)
    bad = values[(values != 0) & (values != 1)]
    if bad.size:
        shown = ", ".join(f"{v:g}" for v in bad[:5])
        raise ValueError(f"{name} must hold only the labels 0 and 1; got {shown}"
                         + (" …" if bad.size > 5 else ""))
    return array.astype(np.float64)


_OCTAVE_HINT = (" (labels 1..K are the Octave course's convention; subtract 1 from y, or for its digits, "
                "where 10 stands for 0, use y % 10)")


def check_class_labels(y, m, K, name="y", *, rows_of="X", K_is="the number of output units (rows of Theta2)"):
    """Return class labels as int64 of shape ``(m,)`` in ``0..K-1``, or raise; whole-number floats pass."""
    array = check_labels_shape(y, m, name, rows_of)
    if array.dtype.kind == "f" and not np.all(array == np.round(array)):
        index = int(np.argmax(array != np.round(array)))
        raise ValueError(f"{name} must hold whole-number class labels 0..{K - 1}; "
                         f"got {array[index]:g} at index {index}")
    outside = (array < 0) | (array >= K)  # compared before the cast to int64, which could wrap
    if outside.any():
        index = int(np.argmax(outside))
        hint = _OCTAVE_HINT if array.min() >= 1 and array.max() == K else ""
        raise ValueError(f"{name} must hold class labels 0..K-1 = 0..{K - 1}, K being {K_is}; "
                         f"got {array[index]:g} at index {index}{hint}")
    return array.astype(np.int64)


def check_real_scalar(value, name):
    """Return ``value`` as a float if it is a finite real number, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Real):
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
            value = value.item()
        else:
            raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}")
    try:
        value = float(value)
    except OverflowError:  # an int beyond float64's range, e.g. 10**400
        raise ValueError(f"{name} must be a finite number; got {reprlib.repr(value)}") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    return value


def check_lambda(lambda_):
    """Return the regularisation strength as a float, or raise if it is negative or not a number.

    A negative λ would reward large weights instead of penalising them, so it is refused.
    """
    value = check_real_scalar(lambda_, "lambda_")
    if value < 0:
        raise ValueError(f"lambda_ must be ≥ 0 (it is a penalty on large weights); got {value:g}")
    return value


def check_positive_real(value, name):
    """Return ``value`` as a float if it is a finite number > 0, or raise naming ``name``."""
    number = check_real_scalar(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be > 0; got {number:g}")
    return number


def check_positive_int(value, name):
    """Return ``value`` as an int if it is a whole number ≥ 1, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number ≥ 1; got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be ≥ 1; got {value}")
    return int(value)


def check_layer_sizes(L_in, L_out, names=("L_in", "L_out")):
    """L_in and L_out as ints ≥ 1 whose (L_out, L_in + 1) weights fit in 1 GiB, or raise naming them."""
    L_in, L_out = check_positive_int(L_in, names[0]), check_positive_int(L_out, names[1])
    if L_out * (L_in + 1) > 2**27:  # 8 bytes each: the course's largest layer has 10,025 weights
        raise ValueError(f"{names[0]} and {names[1]} must keep a layer's weights under 1 GiB; got "
                         f"{names[0]} = {L_in:,} and {names[1]} = {L_out:,}: {L_out * (L_in + 1):,} weights")
    return L_in, L_out


def check_seed(seed):
    """Return ``seed`` if it is a whole number ≥ 0 or a ``numpy.random.Generator``, or raise."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, Integral):
        raise TypeError(f"seed must be a whole number ≥ 0 or a numpy.random.Generator; got "
                        f"{type(seed).__name__} {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be ≥ 0; got {seed}")
    return int(seed)


def check_callable(function, name, signature):
    """Raise ``TypeError`` unless ``function`` can be called; ``signature`` says what it should be."""
    if not callable(function):
        raise TypeError(f"{name} must be a function {signature}; got {type(function).__name__} "
                        f"{reprlib.repr(function)}")


def check_num_labels(num_labels, y, m, *, at_least=1, why=""):
    """K as an int: ``num_labels`` checked, or the largest label in ``y`` + 1 when it is None."""
    counted = ""
    if num_labels is None:
        labels = check_labels_shape(y, m)
        low, high = np.min(labels), np.max(labels)
        if low < 0:
            index = int(np.argmin(labels))
            raise ValueError(f"y must hold class labels 0, 1, …, K-1; got {low:g} at index {index}")
        fractional = labels != np.round(labels)
        if fractional.any():  # else 0.5 would be read as "num_labels = 1" (the largest label + 1)
            index = int(np.argmax(fractional))
            raise ValueError(f"y must hold whole-number class labels 0, 1, …, K-1; got {labels[index]:g} "
                             f"at index {index}")
        if low >= 1:  # no class 0: almost surely labels that start at 1
            raise ValueError(f"y must hold class labels starting at 0 when num_labels is not given; got "
                             f"{low:g}..{high:g}{_OCTAVE_HINT}; or pass num_labels to train with classes "
                             f"that never occur")
        num_labels, counted = int(high) + 1, " (the largest label in y + 1)"
        occurring = len(np.unique(labels))
        if occurring < num_labels / 2:  # e.g. one mistyped label 100000 among 0..9
            raise ValueError(f"y's largest label is {high:g}, so num_labels would be {high + 1:g}, but only "
                             f"{occurring} of those classes occur in y; is a label mistyped? Pass "
                             f"num_labels to train with classes that never occur")
    else:
        num_labels = check_positive_int(num_labels, "num_labels")
    if num_labels < at_least:
        raise ValueError(f"num_labels must be ≥ {at_least}{why}; got {num_labels}{counted}")
    return num_labels


def check_theta_for_X(theta, X, name="theta"):
    """Return ``theta`` as float64 of shape ``(n+1,)`` matching the ``n+1`` columns of ``X``."""
    return as_float_vector(theta, name, length=X.shape[1], length_reason=f"to match the {X.shape[1]} columns "
                           "of X (the intercept column of ones included: add_intercept(X))")


def check_network_thetas(Theta1, Theta2, n=None):
    """Return ``Theta1`` (s2, n+1) and ``Theta2`` (K, s2+1) as float64, fitting each other (and n inputs)."""
    Theta1 = as_float_matrix(Theta1, "Theta1", columns=None if n is None else n + 1, shape="(s2, n+1)",
                             columns_reason=f"= n+1 (bias + the {n} features of X, which has no bias column)")
    s2 = Theta1.shape[0]
    Theta2 = as_float_matrix(Theta2, "Theta2", columns=s2 + 1, shape="(K, s2+1)",
                             columns_reason=f"= s2+1 (bias + the {s2} hidden units, the rows of Theta1)")
    return Theta1, Theta2


def check_network_data(Theta1, Theta2, X, y, lambda_, *, finite_X=True):
    """Check everything a network's cost takes; return ``(Theta1, Theta2, X, labels, lambda_)``.

    ``X`` (m, n) as float64, scanned for NaN/inf unless ``finite_X=False``, the weights fitting n inputs,
    ``y`` as int labels 0..K-1 of shape (m,) with K the rows of ``Theta2``, and λ ≥ 0 as a float.
    """
    X = as_float_matrix(X, "X", finite=finite_X)
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    labels = check_class_labels(y, X.shape[0], Theta2.shape[0])
    return Theta1, Theta2, X, labels, check_lambda(lambda_)


def check_initial_weights(initial, n, s2, K):
    """Return ``initial = (Theta1, Theta2)`` as float64, checked to have the shapes (s2, n+1), (K, s2+1)."""
    if not (isinstance(initial, tuple | list) and len(initial) == 2):
        raise TypeError(f"initial must be a pair (Theta1, Theta2) or None; got {type(initial).__name__}")
    Theta1, Theta2 = check_network_thetas(*initial, n)
    if Theta1.shape[0] != s2 or Theta2.shape[0] != K:
        raise ValueError(f"initial must hold Theta1 of shape ({s2}, {n + 1}) and Theta2 of shape "
                         f"({K}, {s2 + 1}); got {Theta1.shape} and {Theta2.shape}")
    return Theta1, Theta2


def check_gradient_pair(grads, Theta1, Theta2, who):
    """``grads`` as a pair of float64 arrays of the shapes of ``Theta1`` and ``Theta2``, or raise naming
    ``who``, the function that returned it."""
    expected = f"a pair (Theta1_grad, Theta2_grad) of shapes {Theta1.shape} and {Theta2.shape}"
    if not (isinstance(grads, tuple | list) and len(grads) == 2):
        raise TypeError(f"{who} must return {expected}; got {type(grads).__name__} {reprlib.repr(grads)}")
    checked = []
    for grad, Theta, name in zip(grads, (Theta1, Theta2), ("Theta1_grad", "Theta2_grad"), strict=True):
        grad = as_numeric_array(grad, f"{who}'s {name}")
        if grad.shape != Theta.shape:
            raise ValueError(f"{who} must return {expected}; got {name} of shape {grad.shape}")
        checked.append(grad.astype(np.float64, copy=False))
    return tuple(checked)


def check_kernel_result(result, Theta1, Theta2):
    """Return a training kernel's ``result`` as ``(J, (Theta1_grad, Theta2_grad))`` with gradients of the
    weights' shapes, or raise naming ``kernel``. J itself is checked by the optimiser."""
    expected = "(J, (Theta1_grad, Theta2_grad))"
    pair = isinstance(result, tuple) and len(result) == 2
    if pair and isinstance(result[1], np.ndarray):
        raise TypeError(f"kernel must return {expected}, the gradients not packed into one vector; got "
                        f"(J, an array of shape {result[1].shape})")
    if not pair:
        length = f" of {len(result)} items" if isinstance(result, tuple) else ""
        raise TypeError(f"kernel must return {expected}; got a {type(result).__name__}{length}: "
                        f"{reprlib.repr(result)}")
    return result[0], check_gradient_pair(result[1], Theta1, Theta2, "kernel")


def check_backward_data(Theta1, Theta2, X, z2, a2, delta3, lambda_):
    """Check what the back half of backpropagation takes; return it as float64 and λ as a float.

    ``X``, ``a2`` and ``delta3`` are not scanned for NaN/inf: training calls this at every iteration on
    arrays already checked, and ``network.backward`` names any of them once its gradients are not finite.
    ``z2`` is refused only for NaN: ±inf is a score that overflowed, where g'(z2) = 0 is right.
    """
    X = as_float_matrix(X, "X", finite=False)
    Theta1, Theta2 = check_network_thetas(Theta1, Theta2, X.shape[1])
    (m, _), s2, K = X.shape, len(Theta1), len(Theta2)
    z2 = _as_float_shaped(z2, "z2", (m, s2), "(m, s2)", finite=False)
    if np.isnan(z2).any():
        check_finite(z2, "z2")  # names the first entry that is not finite
    return (Theta1, Theta2, X, z2, _as_float_shaped(a2, "a2", (m, s2 + 1), "(m, s2+1)", finite=False),
            _as_float_shaped(delta3, "delta3", (m, K), "(m, K)", finite=False), check_lambda(lambda_))
