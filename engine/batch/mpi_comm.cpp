#include "batch/mpi_comm.hpp"

#include <cstdlib>
#include <numeric>

#ifdef STORMDRILL_HAVE_MPI
#include <mpi.h>
#endif

namespace sd {

#ifdef STORMDRILL_HAVE_MPI
namespace {
bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}
}  // namespace

Comm::Comm() {
  int inited = 0;
  MPI_Initialized(&inited);
  if (!inited) {
    if (!launched_by_mpirun()) return;
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    owns_ = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Comm::~Comm() {
  if (owns_) MPI_Finalize();
}

void Comm::gather(const std::vector<double>& mine, std::vector<double>& all) const {
  if (size_ == 1) {
    all = mine;
    return;
  }
  int n = static_cast<int>(mine.size());
  std::vector<int> counts(size_), displs(size_);
  MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank_ == 0) {
    std::exclusive_scan(counts.begin(), counts.end(), displs.begin(), 0);
    all.resize(static_cast<std::size_t>(displs.back() + counts.back()));
  }
  MPI_Gatherv(mine.data(), n, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, 0,
              MPI_COMM_WORLD);
}

void Comm::gather(const std::vector<std::string>& mine, std::vector<std::string>& all) const {
  if (size_ == 1) {
    all = mine;
    return;
  }
  std::string buf;
  for (const auto& s : mine) buf += s + '\0';
  int n = static_cast<int>(buf.size());
  std::vector<int> counts(size_), displs(size_);
  MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string out;
  if (rank_ == 0) {
    std::exclusive_scan(counts.begin(), counts.end(), displs.begin(), 0);
    out.resize(static_cast<std::size_t>(displs.back() + counts.back()));
  }
  MPI_Gatherv(buf.data(), n, MPI_CHAR, out.data(), counts.data(), displs.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  all.clear();
  if (rank_ != 0) return;
  std::size_t start = 0;
  for (std::size_t k = 0; k < out.size(); ++k)
    if (out[k] == '\0') {
      all.push_back(out.substr(start, k - start));
      start = k + 1;
    }
}

void Comm::sum(std::vector<double>& v) const {
  if (size_ == 1) return;
  std::vector<double> out(v.size());
  MPI_Reduce(v.data(), out.data(), static_cast<int>(v.size()), MPI_DOUBLE, MPI_SUM, 0,
             MPI_COMM_WORLD);
  if (rank_ == 0) v = out;
}

void Comm::barrier() const {
  if (size_ > 1) MPI_Barrier(MPI_COMM_WORLD);
}
#else
Comm::Comm() = default;
Comm::~Comm() = default;
void Comm::gather(const std::vector<double>& mine, std::vector<double>& all) const {
  all = mine;
}
void Comm::gather(const std::vector<std::string>& mine, std::vector<std::string>& all) const {
  all = mine;
}
void Comm::sum(std::vector<double>&) const {}
void Comm::barrier() const {}
#endif

}  // namespace sd
