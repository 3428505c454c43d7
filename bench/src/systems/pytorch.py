"""The PyTorch side of `pnpm bench`: trains the benchmark network on the workload files and writes
one result row as JSON, in the same shape as the Node harnesses (bench/src/harness.ts).

Usage: python3 pytorch.py --workload DIR --out FILE
"""

import argparse
import json
import os
import resource
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

MATMUL_SHAPES = ["128x784x256", "128x256x128", "512x512x512"]
MATMUL_BATCHES = 7
MATMUL_BATCH_SECONDS = 0.05


def read_array(directory, entry):
    dtype = "<f4" if entry["dtype"] == "float32" else "<i4"
    values = np.fromfile(os.path.join(directory, entry["file"]), dtype=dtype)
    return torch.from_numpy(values.reshape(entry["shape"]))


def build_model(manifest, arrays):
    """Builds BatchNorm1d, Linear and ReLU modules with the workload's initial params.

    PyTorch's momentum weights the new batch value, so it is 1 minus the workload's.
    """
    modules = []
    batch_norm = manifest["batchNorm"]
    for index, layer in enumerate(manifest["layers"]):
        norm = torch.nn.BatchNorm1d(
            layer["inputs"], eps=batch_norm["epsilon"], momentum=1 - batch_norm["momentum"]
        )
        linear = torch.nn.Linear(layer["inputs"], layer["units"])
        with torch.no_grad():
            norm.weight.copy_(arrays[f"layers.{index}.gamma"])
            norm.bias.copy_(arrays[f"layers.{index}.beta"])
            linear.weight.copy_(arrays[f"layers.{index}.weight"])
            linear.bias.copy_(arrays[f"layers.{index}.bias"])
        modules += [norm, linear]
        if layer["activation"] == "relu":
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules)


def train_epoch(model, optimizer, manifest, arrays, epoch):
    """Trains one epoch in the workload's batch order and returns the mean loss of its batches."""
    count, batch_size = manifest["trainCount"], manifest["batchSize"]
    order = arrays["batchOrders"][epoch].long()
    images, labels = arrays["trainImages"], arrays["trainLabels"].long()
    model.train()
    total, batches = 0.0, 0
    for start in range(0, count, batch_size):
        indices = order[start : start + batch_size]
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images[indices]), labels[indices])
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


def test_accuracy(model, arrays):
    model.eval()
    with torch.no_grad():
        predictions = model(arrays["testImages"]).argmax(dim=1)
    return (predictions == arrays["testLabels"].long()).float().mean().item()


def measure_matmul(shape):
    """Returns GFLOP/s of one [m, k] by [k, n] product from the fastest timed batch after warm-up."""
    m, k, n = (int(size) for size in shape.split("x"))
    generator = torch.Generator().manual_seed(m * 31 + k * 7 + n)
    a = torch.rand(m, k, generator=generator) * 2 - 1
    b = torch.rand(k, n, generator=generator) * 2 - 1
    start = time.perf_counter()
    torch.mm(a, b)
    torch.mm(a, b)
    runs = max(1, int(np.ceil(MATMUL_BATCH_SECONDS * 2 / (time.perf_counter() - start))))
    seconds = []
    for _ in range(MATMUL_BATCHES):
        batch_start = time.perf_counter()
        for _ in range(runs):
            torch.mm(a, b)
        seconds.append((time.perf_counter() - batch_start) / runs)
    return 2 * m * k * n / min(seconds) / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workload", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    torch.set_num_threads(1)
    with open(os.path.join(args.workload, "workload.json"), encoding="utf8") as file:
        manifest = json.load(file)
    arrays = {name: read_array(args.workload, entry) for name, entry in manifest["arrays"].items()}
    model = build_model(manifest, arrays)
    settings = manifest["optimizer"]
    optimizer = torch.optim.Adam(
        model.parameters(),
        lr=settings["learningRate"],
        betas=(settings["beta1"], settings["beta2"]),
        eps=settings["epsilon"],
    )

    epoch_seconds, epoch_cpu_seconds, loss = [], [], float("nan")
    for epoch in range(manifest["epochs"]):
        start, cpu_start = time.perf_counter(), time.process_time()
        loss = train_epoch(model, optimizer, manifest, arrays, epoch)
        epoch_seconds.append(time.perf_counter() - start)
        epoch_cpu_seconds.append(time.process_time() - cpu_start)
        print(f"pytorch: epoch {epoch + 1} took {epoch_seconds[-1]:.3f} s, loss {loss:.4f}", flush=True)

    result = {
        "system": "pytorch",
        "threads": torch.get_num_threads(),
        "secondsPerEpoch": statistics.median(epoch_seconds[1:]),
        "firstEpochSeconds": epoch_seconds[0],
        # ru_maxrss is in KiB on Linux.
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "testAccuracy": test_accuracy(model, arrays),
        "matmulGflops": {shape: measure_matmul(shape) for shape in MATMUL_SHAPES},
        "epochSeconds": epoch_seconds,
        "cpuSecondsPerEpoch": statistics.median(epoch_cpu_seconds[1:]),
        "loadAverage": os.getloadavg()[0],
        "lastEpochLoss": loss,
        "rssSource": "resource.getrusage(RUSAGE_SELF).ru_maxrss in the child",
        "torchVersion": torch.__version__,
    }
    with open(args.out, "w", encoding="utf8") as file:
        json.dump(result, file)


if __name__ == "__main__":
    main()
