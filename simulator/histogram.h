#pragma once

// A log-bucketed histogram of non-negative integer values (nanoseconds here). Values below 128
// are kept exactly; above, each power of two is split into 64 equal buckets, so a bucket spans
// at most 1/64 of its lower bound and a quantile reported as the bucket's midpoint is within
// 1/128 (0.78%) of a value in that bucket: the stated relative error bound is 1%.
// Count, sum (exact, for means), minimum and maximum are kept exactly.
//
// Memory is fixed (kBuckets counters) whatever the number of values recorded. Counters are
// 32-bit (half the cache footprint of 64-bit ones, which matters: one histogram per operation is
// touched on every answer); a bucket past 2^32 - 1 carries into a 64-bit high part allocated on
// first need, so counts stay exact at any size.

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
  // Records `value` `times` times (as many record(value) calls).
  void record_n(std::int64_t value, std::uint64_t times);
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
  [[nodiscard]] std::uint64_t bucket_count(std::size_t bucket) const {
    return high_.empty() ? buckets_[bucket] : buckets_[bucket] + (high_[bucket] << 32);
  }
  // Adds `n` to bucket `bucket`, carrying into high_.
  void add(std::size_t bucket, std::uint64_t n);

  std::vector<std::uint32_t> buckets_;  // low 32 bits of each bucket's count
  std::vector<std::uint64_t> high_;     // empty, or the high bits of each bucket's count
  std::uint64_t count_ = 0;
  std::int64_t sum_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace ripple::sim
