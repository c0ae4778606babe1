package com.example.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CalculatorTest {

    private final Calculator calculator = new Calculator();

    @Test
    void addsTwoNumbers() {
        assertEquals(5, calculator.add(2, 3));
    }

    @Test
    void subtractsTwoNumbers() {
        assertEquals(-6, calculator.subtract(4, 10));
    }

    @Test
    void multipliesTwoNumbers() {
        assertEquals(42, calculator.multiply(6, 7));
    }

    @Test
    void dividesTwoNumbers() {
        assertEquals(0.25, calculator.divide(1, 4));
    }

    @Test
    void refusesToDivideByZero() {
        ArithmeticException error = assertThrows(ArithmeticException.class, () -> calculator.divide(5, 0));
        assertEquals("Cannot divide by zero", error.getMessage());
    }

    @Test
    void reportsOverflowInsteadOfWrappingAround() {
        assertThrows(ArithmeticException.class, () -> calculator.add(Long.MAX_VALUE, 1));
    }
}
