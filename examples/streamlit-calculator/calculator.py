"""A small Streamlit calculator.

The arithmetic lives in plain functions (add, subtract, multiply, divide,
calculate) so it can be tested without Streamlit; the page itself is built in
main(), which only runs under `streamlit run calculator.py`.
"""

OPERATIONS = ("Add", "Subtract", "Multiply", "Divide")


def add(a: float, b: float) -> float:
    return a + b


def subtract(a: float, b: float) -> float:
    return a - b


def multiply(a: float, b: float) -> float:
    return a * b


def divide(a: float, b: float) -> float:
    """Divide a by b; raises ZeroDivisionError with a readable message when b is 0."""
    if b == 0:
        raise ZeroDivisionError("Cannot divide by zero")
    return a / b


def calculate(operation: str, a: float, b: float) -> float:
    """Apply one of OPERATIONS to a and b."""
    functions = {
        "Add": add,
        "Subtract": subtract,
        "Multiply": multiply,
        "Divide": divide,
    }
    if operation not in functions:
        raise ValueError(f"Unknown operation: {operation}")
    return functions[operation](a, b)


def main() -> None:
    import streamlit as st

    st.set_page_config(page_title="Calculator", page_icon="🧮")
    st.title("🧮 Calculator")
    st.write("Pick two numbers and an operation.")

    col1, col2 = st.columns(2)
    with col1:
        a = st.number_input("First number", value=0.0, format="%g")
    with col2:
        b = st.number_input("Second number", value=0.0, format="%g")
    operation = st.radio("Operation", OPERATIONS, horizontal=True)

    if st.button("Calculate", type="primary"):
        try:
            result = calculate(operation, a, b)
        except ZeroDivisionError as error:
            st.error(str(error))
        else:
            st.success(f"Result: {result:g}")


if __name__ == "__main__":
    main()
