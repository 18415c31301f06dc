/**
 * The part of SciCode's own package that its step tests use, as Python that the sandbox runs after the model's code:
 * `scicode.parse.parse.process_hdf5_to_tuple` (reads a step's expected values from the test data file) and the
 * comparisons of `scicode.compare.cmp` that test cases import. Written for this engine from what SciCode's
 * src/scicode/parse/parse.py and src/scicode/compare/cmp.py do (SOURCE.md); the modules are registered in
 * `sys.modules` so that the tests' `from scicode… import …` lines work unchanged without the package installed.
 */

/** How an HDF5 group written by SciCode's save_data_to_hdf5 becomes the Python value it was saved from. */
const PARSE = String.raw`
import h5py
import scipy.sparse


def _text_or_value(dataset):
    value = dataset[()]
    return value.decode('utf-8', errors='strict') if isinstance(value, bytes) else value


def _sparse(group):
    data = group['data'][()]
    shape = tuple(group['shape'][()])
    if 'row' in group and 'col' in group:
        return scipy.sparse.coo_matrix((data, (group['row'][()], group['col'][()])), shape=shape)
    if 'blocksize' in group:
        return scipy.sparse.bsr_matrix((data, group['indices'][()], group['indptr'][()]), shape=shape,
                                       blocksize=tuple(group['blocksize'][()]))
    return scipy.sparse.csr_matrix((data, group['indices'][()], group['indptr'][()]), shape=shape)


def _mapping(group):
    # Keys that read as numbers were float keys when saved; string values come back decoded.
    result = {}
    for key, member in group.items():
        if isinstance(member, h5py.Group):
            result[key] = _sparse(member['sparse_matrix'])
            continue
        value = member[()]
        if isinstance(value, bytes):
            result[key] = value.decode('utf-8', errors='strict')
            continue
        try:
            result[float(key)] = value
        except ValueError:
            result[key] = value
    return result


def _group_value(group):
    # Decided by the group's first member, as SciCode decides: a list, a sparse matrix, else a dictionary.
    for key in group.keys():
        if key == 'list':
            return [member[()] for member in group[key].values()]
        if key == 'sparse_matrix':
            return _sparse(group[key])
        return _mapping(group)
    return None


def _member_value(member):
    return _group_value(member) if isinstance(member, h5py.Group) else _text_or_value(member)


def process_hdf5_to_tuple(step_id, test_num, h5py_file):
    """The expected value of each of a step's tests: one variable as itself, several as a tuple in file order."""
    targets = []
    with h5py.File(h5py_file, 'r') as f:
        for number in range(1, test_num + 1):
            path = f'{step_id}/test{number}'
            if path not in f:
                raise FileNotFoundError(f'Path {path} not found in the file.')
            test = f[path]
            if not isinstance(test, h5py.Group):
                raise FileNotFoundError(f'Path {path} not found in the file.')
            names = list(test.keys())
            if len(names) == 1:
                targets.append(_member_value(test[names[0]]))
            else:
                targets.append(tuple(_member_value(test[name]) for name in names))
    return targets
`;

/** Tolerant comparisons of nested results (dictionaries, sparse matrices, sequences). */
const COMPARE = String.raw`
import numpy as np
import scipy.sparse
import sympy

_SPARSE = (scipy.sparse.csr_matrix, scipy.sparse.csc_matrix, scipy.sparse.bsr_matrix, scipy.sparse.coo_matrix)


def process_symbol_in_dict(mapping):
    # sympy symbols compare by their names: a symbol value becomes its name, a symbol key too (its value kept as is).
    result = {}
    for key, value in mapping.items():
        if isinstance(key, sympy.Symbol):
            result[str(key)] = value
        else:
            result[key] = str(value) if isinstance(value, sympy.Symbol) else value
    return result


def are_dicts_close(dict1, dict2, atol=1e-8, rtol=1e-5):
    dict1 = process_symbol_in_dict(dict1)
    dict2 = process_symbol_in_dict(dict2)
    if dict1.keys() != dict2.keys():
        return False
    for key, value1 in dict1.items():
        value2 = dict2[key]
        if isinstance(value1, (sympy.Symbol, str)):
            if value1 != value2:
                return False
        elif isinstance(value1, _SPARSE):
            if not np.allclose(value1.toarray(), value2.toarray(), atol=atol, rtol=rtol):
                return False
        else:
            try:
                if not np.allclose(value1, value2, atol=atol, rtol=rtol):
                    return False
            except ValueError:
                if not value1 == value2:
                    return False
    return True


def are_csc_matrix_close(matrix1, matrix2):
    return np.allclose(matrix1.toarray(), matrix2.toarray())


def cmp_tuple_or_list(var1, var2):
    if len(var1) != len(var2):
        return False
    for value1, value2 in zip(var1, var2):
        if isinstance(value1, dict):
            if not are_dicts_close(value1, value2):
                return False
        elif isinstance(value1, (scipy.sparse.csr_matrix, scipy.sparse.csc_matrix)):
            if not are_csc_matrix_close(value1, value2):
                return False
        elif isinstance(value1, bool):
            if not value1 == value2:
                return False
        else:
            try:
                if not np.allclose(value1, value2):
                    return False
            except ValueError as error:
                print(error)
                if not value1 == value2:
                    return False
    return True
`;

/**
 * Registers `scicode.parse.parse` and `scicode.compare.cmp` (and their packages) without leaving names of its own in
 * the test's globals, where the model's code and the test cases live.
 */
export const SCICODE_HARNESS = `def _register_scicode_modules():
    import sys
    import types
    sources = {'scicode.parse.parse': ${JSON.stringify(PARSE)}, 'scicode.compare.cmp': ${JSON.stringify(COMPARE)}}
    for package in ('scicode', 'scicode.parse', 'scicode.compare'):
        module = types.ModuleType(package)
        module.__path__ = []
        sys.modules[package] = module
    for name, source in sources.items():
        module = types.ModuleType(name)
        exec(compile(source, name.replace('.', '/') + '.py', 'exec'), module.__dict__)
        sys.modules[name] = module
        parent, _, child = name.rpartition('.')
        setattr(sys.modules[parent], child, module)


_register_scicode_modules()
del _register_scicode_modules
`;
