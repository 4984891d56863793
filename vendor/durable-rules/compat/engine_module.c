/*
 * durable-rules 2.0.28's Python binding, compiled unchanged for every Python
 * from 3.11 on, and one function added to it (read_firings, below).
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

/* The upstream module initialiser is renamed so that ours can add read_firings. */
#define PyInit_durable_rules_engine durable_rules_engine_upstream_init
#include "rules.c"
#undef PyInit_durable_rules_engine

/*
 * read_firings(handle, state_offset, stop=None) -> list of str
 *
 * Every action pending in a session's state, in the order durable would run
 * them, each as the JSON message durable would hand to its Python action
 * (cut before its first `stop` character when one is given: a reader that
 * needs only the head of each message is spared copying the rest); each
 * action is completed as it is read. It is the loop durable's Python
 * layer runs (start_action_for_state, then complete_and_start_action until
 * none is left) without a Python action or a return to Python per firing:
 * copyrightable's actions do nothing, it only reads which rule fired on
 * which fact. On an error the action under way is abandoned, as the Python
 * layer does, and durable_rules_engine.error is raised with the code.
 */
static PyObject *pyReadFirings(PyObject *self, PyObject *args) {
    unsigned int handle;
    unsigned int stateOffset;
    int stop = 0;
    if (!PyArg_ParseTuple(args, "II|C", &handle, &stateOffset, &stop)) {
        return NULL;
    }
    if (stop < 0 || stop > 127) {
        PyErr_SetString(PyExc_ValueError, "read_firings: stop must be an ASCII character");
        return NULL;
    }
    PyObject *firings = PyList_New(0);
    if (firings == NULL) {
        return NULL;
    }
    char *state = NULL;
    char *messages = NULL;
    unsigned int result = startActionForState(handle, stateOffset, &state, &messages);
    while (result == RULES_OK) {
        char *end = stop ? strchr(messages, stop) : NULL;
        PyObject *message = end ? PyUnicode_FromStringAndSize(messages, end - messages)
                                : PyUnicode_FromString(messages);
        if (message == NULL || PyList_Append(firings, message) < 0) {
            Py_XDECREF(message);
            Py_DECREF(firings);
            abandonAction(handle, stateOffset);
            return NULL;
        }
        Py_DECREF(message);
        result = completeAndStartAction(handle, stateOffset, &messages);
    }
    if (result != ERR_NO_ACTION_AVAILABLE) {
        Py_DECREF(firings);
        abandonAction(handle, stateOffset);
        if (result == ERR_OUT_OF_MEMORY) {
            return PyErr_NoMemory();
        }
        PyErr_Format(RulesError, "Could not read the pending actions, error code: %u", result);
        return NULL;
    }
    return firings;
}

static PyMethodDef added_methods[] = {
    {"read_firings", pyReadFirings, METH_VARARGS,
     "read_firings(handle, state_offset, stop=None) -> the pending actions' messages"},
    {NULL, NULL, 0, NULL}
};

PyMODINIT_FUNC PyInit_durable_rules_engine(void)
{
    PyObject *module = durable_rules_engine_upstream_init();
    if (module != NULL && PyModule_AddFunctions(module, added_methods) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
