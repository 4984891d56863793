/*
 * durable-rules 2.0.28's Python binding, compiled unchanged for every Python
 * from 3.11 on.
 *
 * The binding calls PyEval_CallObject, which Python 3.9 deprecated and 3.13
 * removed from the C API. Before 3.13 Python.h defines it (as a macro over
 * PyEval_CallObjectWithKeywords); from 3.13 on it defines nothing, so the
 * upstream source fails to compile (GCC 14, clang 16: implicit declaration)
 * or, with older compilers, fails to load (undefined symbol). PyObject_CallObject
 * is the documented replacement with the same arguments and result, so this
 * file defines the old name as the new call where Python no longer does, and
 * then includes the upstream file as it was released.
 */
#include <Python.h>

#if !defined(PyEval_CallObject)
#define PyEval_CallObject(callable, args) PyObject_CallObject((callable), (args))
#endif

#include "rules.c"
