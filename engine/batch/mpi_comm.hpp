#pragma once
// The batch's view of MPI: rank, size and the few collectives it needs. Without MPI (or when
// not started by mpirun) it is a single rank and every call is local.
#include <string>
#include <vector>

namespace sd {

class Comm {
 public:
  Comm();  // initialises MPI when built with it and launched by mpirun
  ~Comm();
  Comm(const Comm&) = delete;
  Comm& operator=(const Comm&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Rank 0 receives every rank's doubles and strings (concatenated in rank order).
  void gather(const std::vector<double>& mine, std::vector<double>& all) const;
  void gather(const std::vector<std::string>& mine, std::vector<std::string>& all) const;
  void sum(std::vector<double>& v) const;  // element-wise sum onto rank 0
  void barrier() const;

 private:
  int rank_ = 0, size_ = 1;
  bool owns_ = false;
};

}  // namespace sd
