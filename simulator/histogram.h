#pragma once

// A log-bucketed histogram of non-negative integer values (nanoseconds here). Values below 128
// are kept exactly; above, each power of two is split into 64 equal buckets, so a bucket spans
// at most 1/64 of its lower bound and a quantile reported as the bucket's midpoint is within
// 1/128 (0.78%) of a value in that bucket: the stated relative error bound is 1%.
// Count, sum (exact, for means), minimum and maximum are kept exactly.
//
// Memory is fixed (kBuckets counters) whatever the number of values recorded.

#include <cstdint>
#include <vector>

namespace ripple::sim {

class Histogram {
 public:
  static constexpr int kSubBuckets = 64;
  static constexpr int kExactBelow = 2 * kSubBuckets;  // values below this are exact
  static constexpr int kBuckets = kExactBelow + (63 - 7) * kSubBuckets;
  static constexpr double kRelativeError = 0.01;

  Histogram();

  // REQUIRES: value >= 0 (negative values are recorded as 0).
  void record(std::int64_t value);
  void merge(const Histogram& other);
  void clear();

  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] std::int64_t sum() const { return sum_; }
  [[nodiscard]] std::int64_t min() const { return count_ ? min_ : 0; }
  [[nodiscard]] std::int64_t max() const { return max_; }
  // Exact mean; 0 when empty.
  [[nodiscard]] double mean() const;
  // The q-quantile (0 <= q <= 1): the smallest recorded value v with at least ceil(q n) values
  // <= v, to within kRelativeError, clamped to [min, max]. 0 when empty.
  [[nodiscard]] double quantile(double q) const;

 private:
  static int bucket_of(std::int64_t value);
  static double midpoint_of(int bucket);

  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  std::int64_t sum_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace ripple::sim
