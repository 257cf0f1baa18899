"""Moving weights between the course's notation and the two others learners meet.

The course (Coursera ML) keeps each layer's bias inside Θ as column 0. The UFLDL tutorial and the
deep-learning course keep a weight matrix W and a bias vector b apart. They are the same numbers:

    Θ(l) = [ b(l) | W(l) ],   shape (s_{l+1}, s_l + 1)

so ``Theta @ [1, a] = b + W @ a`` for every example. Chapter 00 runs one forward pass in all three
notations and checks that they agree.
"""

import numpy as np

from ._validation import as_float_matrix, as_float_vector, as_numeric_array

__all__ = ["join_theta", "split_theta"]


def split_theta(Theta):
    """Split Θ into the weights W and the bias b of the other notations.

    Parameters
    ----------
    Theta : array_like, shape (s_out, s_in + 1)
        Bias in column 0.

    Returns
    -------
    W : ndarray, shape (s_out, s_in)
    b : ndarray, shape (s_out,)
        The deep-learning course stores it as a column, ``b[:, None]`` of shape (s_out, 1).
    """
    Theta = as_float_matrix(Theta, "Theta", shape="(s_out, s_in + 1)")
    if Theta.shape[1] < 2:
        raise ValueError(f"Theta must have at least 2 columns (bias + one weight); got shape {Theta.shape}")
    return Theta[:, 1:].copy(), Theta[:, 0].copy()


def join_theta(W, b):
    """Inverse of :func:`split_theta`: Θ = [b | W].

    Parameters
    ----------
    W : array_like, shape (s_out, s_in)
    b : array_like, shape (s_out,) or (s_out, 1)

    Returns
    -------
    ndarray, shape (s_out, s_in + 1)
    """
    W = as_float_matrix(W, "W", shape="(s_out, s_in)")
    b = as_numeric_array(b, "b")
    if b.ndim == 2 and b.shape[1] == 1:  # the deep-learning course's column vector
        b = b[:, 0]
    b = as_float_vector(b, "b", length=W.shape[0], length_reason=f"to match the {W.shape[0]} rows of W")
    return np.column_stack([b, W])
