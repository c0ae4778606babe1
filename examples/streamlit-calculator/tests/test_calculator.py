import pytest

from calculator import add, calculate, divide, multiply, subtract


def test_add():
    assert add(2, 3) == 5
    assert add(-1.5, 1.5) == 0


def test_subtract():
    assert subtract(10, 4) == 6
    assert subtract(4, 10) == -6


def test_multiply():
    assert multiply(6, 7) == 42
    assert multiply(-2, 0.5) == -1


def test_divide():
    assert divide(9, 3) == 3
    assert divide(1, 4) == 0.25


def test_divide_by_zero_is_refused():
    with pytest.raises(ZeroDivisionError, match="Cannot divide by zero"):
        divide(5, 0)


@pytest.mark.parametrize(
    "operation, expected",
    [("Add", 12), ("Subtract", 8), ("Multiply", 20), ("Divide", 5)],
)
def test_calculate_dispatches_each_operation(operation, expected):
    assert calculate(operation, 10, 2) == expected


def test_calculate_rejects_unknown_operation():
    with pytest.raises(ValueError, match="Unknown operation"):
        calculate("Modulo", 1, 2)
