package com.example.calculator;

/** The four operations of the Streamlit calculator example, in Java. */
public final class Calculator {

    public long add(long a, long b) {
        return Math.addExact(a, b);
    }

    public long subtract(long a, long b) {
        return Math.subtractExact(a, b);
    }

    public long multiply(long a, long b) {
        return Math.multiplyExact(a, b);
    }

    /**
     * Divides a by b.
     *
     * @throws ArithmeticException when b is 0
     */
    public double divide(double a, double b) {
        if (b == 0) {
            throw new ArithmeticException("Cannot divide by zero");
        }
        return a / b;
    }
}
