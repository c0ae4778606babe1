#!/bin/sh
# Adds two whole numbers.
echo $(($1 + $2))
