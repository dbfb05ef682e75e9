#pragma once
// Test seam for I/O failure paths (the SQLite approach: fail every I/O call in turn and check
// that nothing half-written survives). STORMDRILL_FAIL_IO=OP:N makes the N-th operation of kind
// OP in this process fail as if the disk were full (errno = ENOSPC). OP is write, flush, rename
// or any (every kind counts). Unset (the normal case) costs one relaxed atomic load per call.
//
// The writers that honour it: AtomicFile, write_text_atomic, the HDF5 layer (datasets,
// attributes, frames, flush), GDAL raster writes and the batch journal.
namespace sd::io::fault {

enum class Op { Write, Flush, Rename };

// True when this call is the one chosen to fail; errno is then ENOSPC.
bool inject(Op op);

}  // namespace sd::io::fault
