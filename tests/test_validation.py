"""The shared input checks: each error names the parameter and says what was expected and what came."""

import re
import warnings

import numpy as np
import pytest

from mlcourse import _validation as v


def test_as_float_matrix_accepts_lists_and_ints_and_converts():
    X = v.as_float_matrix([[1, 2], [3, 4]])
    assert X.dtype == np.float64
    assert X.shape == (2, 2)


def test_as_float_matrix_does_not_copy_float64():
    X = np.ones((3, 2))
    assert v.as_float_matrix(X) is X  # validation must not cost a copy of a large X


@pytest.mark.parametrize(("value", "error", "message"), [
    (np.ones(3), ValueError, r"X must be a 2-D array of shape \(m, n\), one row per example; got a 1-D array of shape \(3,\)"),
    (np.ones((2, 2, 2)), ValueError, r"got a 3-D array of shape \(2, 2, 2\)"),
    (np.ones((0, 3)), ValueError, r"X must have at least one row and one column; got shape \(0, 3\)"),
    (np.ones((3, 0)), ValueError, r"X must have at least one row and one column; got shape \(3, 0\)"),
    ([[1, 2], [3]], TypeError, r"X must be a rectangular array of numbers"),
    ([["a", "b"]], TypeError, r"X must hold real numbers; got an array of dtype <U1"),
    (None, TypeError, r"X must be an array of numbers; got None"),
    (np.array([[1.0, np.nan], [np.inf, 0.0]]), ValueError, r"X must hold only finite numbers; got 2 NaN or inf value\(s\), the first nan at index \(0, 1\)"),
])
def test_as_float_matrix_errors(value, error, message):
    with pytest.raises(error, match=message):
        v.as_float_matrix(value)


def test_as_float_matrix_column_count():
    with pytest.raises(ValueError, match=r"theta_matrix must have 3 columns to match; got shape \(2, 2\)"):
        v.as_float_matrix(np.ones((2, 2)), "theta_matrix", columns=3, columns_reason="to match")


def test_as_float_vector_refuses_columns_with_a_hint():
    with pytest.raises(ValueError, match=r"theta must be a 1-D vector of shape \(3,\); got a 2-D array of shape \(3, 1\); pass theta.ravel\(\)"):
        v.as_float_vector(np.ones((3, 1)), "theta", length=3)
    with pytest.raises(ValueError, match=r"theta must have shape \(3,\) because; got \(2,\)"):
        v.as_float_vector(np.ones(2), "theta", length=3, length_reason="because")


def test_binary_labels():
    np.testing.assert_array_equal(v.check_binary_labels([0, 1, True], 3), [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(3,\) to match X; got \(3, 1\)\. A column of labels broadcasts against the \(3,\) predictions into an 3×3 matrix"):
        v.check_binary_labels(np.zeros((3, 1)), 3)
    with pytest.raises(ValueError, match=r"y must hold only the labels 0 and 1; got 2, 5"):
        v.check_binary_labels([0, 2, 5], 3)
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(4,\) to match the 4 rows of X; got a 1-D array of shape \(3,\)"):
        v.check_binary_labels([0, 1, 1], 4)
    with pytest.raises(ValueError, match=r"y must hold only finite numbers"):
        v.check_binary_labels([0, np.nan, 1], 3)


def test_class_labels():
    labels = v.check_class_labels(np.array([0.0, 2.0, 1.0]), 3, 3)
    assert labels.dtype == np.int64
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..2.*got 3 at index 1"):
        v.check_class_labels([0, 3, 1], 3, 3)
    with pytest.raises(ValueError, match=r"subtract 1 from y"):
        v.check_class_labels([1, 2, 3], 3, 3)


@pytest.mark.parametrize(("value", "error", "message"), [
    (-0.5, ValueError, r"lambda_ must be ≥ 0 \(it is a penalty on large weights\); got -0.5"),
    (float("nan"), ValueError, r"lambda_ must be a finite number; got nan"),
    (float("inf"), ValueError, r"lambda_ must be a finite number; got inf"),
    ("1", TypeError, r"lambda_ must be a real number; got str '1'"),
    (True, TypeError, r"lambda_ must be a real number; got bool True"),
    (np.ones(2), TypeError, r"lambda_ must be a real number; got ndarray"),
])
def test_lambda_errors(value, error, message):
    with pytest.raises(error, match=message):
        v.check_lambda(value)


def test_lambda_accepts_numpy_scalars_and_zero_d_arrays():
    assert v.check_lambda(np.float32(2.5)) == 2.5
    assert v.check_lambda(np.array(3)) == 3.0
    assert v.check_lambda(0) == 0.0


def test_positive_numbers():
    assert v.check_positive_real(0.1, "alpha") == 0.1
    with pytest.raises(ValueError, match=r"alpha must be > 0; got 0"):
        v.check_positive_real(0, "alpha")
    with pytest.raises(ValueError, match=r"alpha must be > 0; got -1"):
        v.check_positive_real(-1.0, "alpha")
    assert v.check_positive_int(np.int64(5), "num_iters") == 5
    with pytest.raises(ValueError, match=r"num_iters must be ≥ 1; got 0"):
        v.check_positive_int(0, "num_iters")
    with pytest.raises(TypeError, match=r"num_iters must be a whole number ≥ 1; got float 10.0"):
        v.check_positive_int(10.0, "num_iters")


def test_theta_for_X_and_network_thetas():
    X = np.ones((4, 3))
    with pytest.raises(ValueError, match=r"theta must have shape \(3,\) to match the 3 columns of X \(the intercept column of ones included: add_intercept\(X\)\); got \(2,\)"):
        v.check_theta_for_X(np.zeros(2), X)
    Theta1, Theta2 = v.check_network_thetas(np.zeros((5, 4)), np.zeros((2, 6)), 3)
    assert Theta1.shape == (5, 4)
    assert Theta2.shape == (2, 6)


def test_labels_shape_and_real_scalar_are_shared_checks():
    np.testing.assert_array_equal(v.check_labels_shape([3, 1, 2], 3), [3, 1, 2])
    with pytest.raises(ValueError, match=r"labels must have shape \(m,\) = \(2,\) to match X; got \(2, 1\)"):
        v.check_labels_shape(np.zeros((2, 1)), 2, "labels")
    assert v.check_real_scalar(np.float32(0.25), "test_fraction") == 0.25
    with pytest.raises(TypeError, match=r"test_fraction must be a real number; got str 'a'"):
        v.check_real_scalar("a", "test_fraction")
    with pytest.raises(ValueError, match=r"Y must hold only finite numbers; got 1 NaN or inf value\(s\), the first inf at index 1"):
        v.check_finite(np.array([0.0, np.inf]), "Y")
    assert v.as_numeric_array([True, False], "y").dtype == bool  # no conversion, no copy


def test_network_data_is_checked_in_one_call():
    *thetas, X, labels, lambda_ = v.check_network_data(
        np.zeros((5, 4)), [[0] * 6] * 2, [[1, 2, 3]], [1.0], 2)
    assert [Theta.dtype for Theta in thetas] == [np.float64, np.float64]
    assert (X.dtype, labels.dtype, lambda_) == (np.float64, np.int64, 2.0)
    with pytest.raises(ValueError, match=r"Theta1 must have 4 columns = n\+1"):
        v.check_network_data(np.zeros((5, 3)), np.zeros((2, 6)), [[1, 2, 3]], [1], 0)
    with pytest.raises(ValueError, match=r"y must hold class labels 0..K-1 = 0..1"):
        v.check_network_data(np.zeros((5, 4)), np.zeros((2, 6)), [[1, 2, 3]], [2], 0)
    with pytest.raises(ValueError, match=r"lambda_ must be ≥ 0"):
        v.check_network_data(np.zeros((5, 4)), np.zeros((2, 6)), [[1, 2, 3]], [1], -1)


@pytest.mark.parametrize(("seed", "error", "message"), [
    (-1, ValueError, "seed must be ≥ 0; got -1"),
    (1.5, TypeError, "seed must be a whole number ≥ 0 or a numpy.random.Generator; got float 1.5"),
    (True, TypeError, "got bool True"),
    (None, TypeError, "got NoneType None"),  # numpy would draw fresh entropy: not reproducible
])
def test_check_seed_errors(seed, error, message):
    with pytest.raises(error, match=message):
        v.check_seed(seed)


def test_check_seed_accepts_whole_numbers_and_generators():
    rng = np.random.default_rng(0)
    assert v.check_seed(rng) is rng
    assert v.check_seed(np.int64(7)) == 7


def test_check_callable():
    v.check_callable(len, "f", "x -> y")
    with pytest.raises(TypeError, match=r"f must be a function x -> y; got list \[1, 2\]"):
        v.check_callable([1, 2], "f", "x -> y")


@pytest.mark.parametrize(("num_labels", "y", "at_least", "error", "message"), [
    (None, [0, 2, 1], 1, None, None),
    (4, [0, 2, 1], 1, None, None),
    (0, [0, 2, 1], 1, ValueError, "num_labels must be ≥ 1; got 0$"),
    (None, [0, 0, 0], 2, ValueError, r"num_labels must be ≥ 2; got 1 \(the largest label in y \+ 1\)"),
    (None, ["a", "b", "c"], 1, TypeError, "y must hold real numbers; got an array of dtype <U1"),
    (None, [0.0, np.nan, 1.0], 1, ValueError, "y must hold only finite numbers"),
    (None, [[0], [1], [1]], 1, ValueError, r"y must have shape \(m,\) = \(3,\) to match X; got \(3, 1\)"),
    # was numpy's "setting an array element with a sequence", naming nothing
    (None, [[0], [1, 2], [1]], 1, TypeError, "y must be a rectangular array of numbers; got list"),
    (None, None, 1, TypeError, "y must be an array of numbers; got None"),
    # was "num_labels must be ≥ 1; got 0 (the largest label in y + 1)", though the labels were the fault
    (None, [0, -2, 1], 1, ValueError, r"y must hold class labels 0, 1, …, K-1; got -2 at index 1$"),
    # one mistyped label made a 100001-class network (or a 75 GiB MemoryError in np.eye)
    (None, [0, 100000, 1], 1, ValueError, r"y's largest label is 100000, so num_labels would be 100001, "
                                          r"but only 3 of those classes occur in y; is a label mistyped\?"),
    (100001, [0, 100000, 1], 1, None, None),  # asked for: accepted
])
def test_check_num_labels(num_labels, y, at_least, error, message):
    if error is None:
        assert v.check_num_labels(num_labels, y, 3, at_least=at_least) == (num_labels or 3)
    else:
        with pytest.raises(error, match=message):
            v.check_num_labels(num_labels, y, 3, at_least=at_least)


# --- regressions from the input audit: each failed before its fix -------------------------------

def test_a_number_beyond_float64_is_refused_by_name_not_by_an_overflow_error():
    # float(10**400) raises OverflowError ("int too large to convert to float"), naming nothing
    with pytest.raises(ValueError, match=r"lambda_ must be a finite number; got 1000+\.\.\.0+$"):
        v.check_lambda(10**400)
    with pytest.raises(ValueError, match=r"alpha must be a finite number; got -1000+\.\.\.0+$"):
        v.check_positive_real(-(10**400), "alpha")


@pytest.mark.parametrize("empty", [[], np.zeros(0), np.zeros((0, 3))])
def test_an_empty_vector_is_refused_by_name(empty):
    # was IndexError "index 0 is out of bounds" from the NaN scan for (0,), a 1-D message for (0, 3)
    with pytest.raises(ValueError, match=r"theta_initial must (have at least one entry; got shape \(0,\)|"
                                         r"be a 1-D vector of shape \(n,\); got a 2-D array of shape \(0, 3\))"):
        v.as_float_vector(empty, "theta_initial")
    assert v.check_finite(np.zeros((0, 3)), "X") is None  # nothing to find, nothing to crash on


@pytest.mark.parametrize(("y", "shown"), [
    (np.array([0.0, 1e20]), "1e+20"),  # the cast to int64 wrapped it to -9223372036854775808
    (np.array([0, 2**63 + 5], dtype=np.uint64), "9.22337e+18"),
])
def test_labels_out_of_range_are_shown_as_given_not_after_an_int_cast(y, shown):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the cast also warned "invalid value encountered in cast"
        with pytest.raises(ValueError, match=rf"y must hold class labels 0..K-1 = 0..2, .*got {re.escape(shown)} "
                                             r"at index 1$"):
            v.check_class_labels(y, 2, 3)


def test_class_label_messages_name_where_m_and_K_come_from():
    with pytest.raises(ValueError, match=r"y must have shape \(m,\) = \(2,\) to match the 2 rows of Z; got"):
        v.check_class_labels([0, 1, 2], 2, 3, rows_of="Z", K_is="the columns of Z")
    with pytest.raises(ValueError, match=r"K being the columns of Z; got 3 at index 0"):
        v.check_class_labels([3, 1], 2, 3, rows_of="Z", K_is="the columns of Z")
    # labels 1..10 with 10 for the digit 0: subtracting 1 alone would shift every digit's class
    with pytest.raises(ValueError, match=r"subtract 1 from y, or for its digits, where 10 stands for 0, use y % 10"):
        v.check_class_labels([1, 10], 2, 10)


def test_weight_matrices_are_not_described_as_examples():
    # was "Theta1 must be a 2-D array of shape (m, n), one row per example"
    with pytest.raises(ValueError, match=r"^Theta1 must be a 2-D array of shape \(s2, n\+1\); got a 1-D array"):
        v.check_network_thetas(np.zeros(4), np.zeros((2, 6)), 3)
    with pytest.raises(ValueError, match=r"^Theta2 must have at least one row and one column; got shape \(0, 6\)"):
        v.check_network_thetas(np.zeros((5, 4)), np.zeros((0, 6)), 3)
    with pytest.raises(ValueError, match=r"Theta1 must have 4 columns = n\+1 \(bias \+ the 3 features of X, which has "
                                         r"no bias column\); got shape \(5, 5\)"):
        v.check_network_thetas(np.zeros((5, 5)), np.zeros((2, 6)), 3)


def test_labels_that_start_at_1_are_refused_when_K_is_inferred():
    # was K = 11 for the Octave digits 1..10: an output unit for a class 0 that never occurs
    with pytest.raises(ValueError, match=r"^y must hold class labels starting at 0 when num_labels is not given; "
                                         r"got 1..3 \(labels 1..K are the Octave course's convention"):
        v.check_num_labels(None, [1, 3, 2], 3)
    assert v.check_num_labels(4, [1, 3, 2], 3) == 4  # given explicitly, an empty class 0 is the caller's choice


def test_a_long_double_beyond_float64_is_named_as_not_finite_without_a_warning():
    # was "RuntimeWarning: overflow encountered in cast" (an error in this suite)
    huge = np.array([[np.longdouble("1e400")]])
    if not np.isfinite(huge).all():  # a platform whose long double is float64 cannot hold 1e400
        pytest.skip("long double is float64 here")
    with pytest.raises(ValueError, match=r"^X must hold only finite numbers; got 1 NaN or inf value\(s\), the first inf"):
        v.as_float_matrix(huge, "X")
