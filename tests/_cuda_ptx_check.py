"""Compile every CUDA kernel to PTX (no GPU needed, NVVM needed).

The simulator runs kernels as Python, so it cannot catch code that Numba's
CUDA compiler would reject (typing, unsupported calls); this does, for
float32 and float64.  Run by tests/test_cuda.py without the simulator.
"""

import sys

import numpy as np
from numba import cuda, typeof

from skneural._kernels import cuda as kc
from skneural._kernels import rbm_cuda as rc
from skneural._kernels import snns_cuda as sc


def _compile(kernel, *args):
    sig = tuple(typeof(a) for a in args)
    cuda.compile_ptx(kernel.py_func, sig, cc=(7, 0))


class _FakeDevice:
    compute_capability = (7, 0)


def main():
    # Device functions ask the current device for its compute capability;
    # without a GPU, answer for one (compile only, nothing is launched).
    import numba.cuda.dispatcher as dispatcher

    dispatcher.get_current_device = lambda: _FakeDevice()
    i, u = 1, np.uint64(1)
    idx = np.zeros(3, dtype=np.int64)
    f64 = np.zeros(4)
    for dt in (np.float64, np.float32):
        v = np.zeros(8, dtype=dt)
        m = np.zeros((2, 4), dtype=dt)
        for kind, kern in kc._make_gemm_kernels(16, kc.float32 if dt == np.float32
                                                else kc.float64).items():
            cuda.compile_ptx(kern.py_func, tuple(typeof(a) for a in (
                v, i, i, v, i, i, v, i, i, i, i, i, i, i)), cc=(7, 0))
        _compile(kc.shuffle_kernel, idx, i, i)
        _compile(kc.gather_kernel, m, m, v, i, i, idx, i, i, v, v, v)
        _compile(kc.sum_kernel, v, i, f64, i, i)
        _compile(kc.activation_kernel, v, i, v, i, i, i, i, i, 0.5, v, i, i, idx, i)
        _compile(kc.derivative_kernel, i, v, i, v, i, i, 0.1, 0.5, v)
        _compile(kc.output_delta_kernel, v, i, v, v, i, i, i, f64, 1e-7, v, i, f64, 1.0)
        _compile(kc.grad_sq_kernel, v, f64)
        _compile(kc.clip_kernel, v, f64, i, 0.5)
        _compile(kc.weight_decay_kernel, v, v, idx, idx, i, 0.1, f64, f64)
        _compile(kc.finish_batch_kernel, f64, i, f64, i, f64, idx, f64, idx, i, 0.1, i, i)
        _compile(kc.update_kernel, i, v, v, m, f64, 0.1, idx)
        _compile(kc.copy_kernel, v, i, v, i, i)
        _compile(kc.fill_kernel, v, 0.0)
        _compile(sc.snns_output_delta_kernel, v, i, v, v, i, i, i, 0.1, 0.1, i, v, i, f64)
        _compile(sc.snns_update_kernel, i, v, v, m, f64, 1.0, v, 1.0, i)
        _compile(sc.snns_online_update_kernel, i, v, v, m, f64, v, v, i, v, i, i, 0.1)
        _compile(sc.sse_sum_kernel, f64, i, f64, i)
        _compile(rc.gather_rows_kernel, m, idx, i, i, v, i)
        _compile(rc.sigmoid_kernel, v, i, v, i, i, i, u, 1.0, v, i)
        _compile(rc.bernoulli_kernel, v, i, i, u, v, i)
        _compile(rc.negative_hidden_kernel, v, i, i, v, i, u, 1.0, v, v)
        _compile(rc.bias_sums_kernel, v, v, i, i, i, 1.0, i, i, f64, f64, f64)
        _compile(rc.sparsity_kernel, v, i, i, v, f64, f64, 0.1, 0.1, i, i)
        _compile(rc.rbm_update_kernel, v, v, v, v, v, v, v, f64, f64, f64, f64, i, 0.1, 0.1,
                 0.1)
        _compile(rc.free_energy_kernel, v, i, v, v, v, i, f64)
        _compile(rc.pseudo_likelihood_kernel, v, i, v, v, v, v, f64)
    print("all kernels compiled to PTX")


if __name__ == "__main__":
    sys.exit(main())
