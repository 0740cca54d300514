#include "simulator/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ripple::sim {

Histogram::Histogram() : buckets_(kBuckets, 0) {}

int Histogram::bucket_of(std::int64_t value) {
  if (value < kExactBelow) return static_cast<int>(value);
  const auto v = static_cast<std::uint64_t>(value);
  const int exponent = std::bit_width(v) - 1;              // >= 7
  const auto sub = static_cast<int>(v >> (exponent - 6));  // in [64, 128)
  return kExactBelow + (exponent - 7) * kSubBuckets + (sub - kSubBuckets);
}

double Histogram::midpoint_of(int bucket) {
  if (bucket < kExactBelow) return bucket;
  const int exponent = 7 + (bucket - kExactBelow) / kSubBuckets;
  const int sub = kSubBuckets + (bucket - kExactBelow) % kSubBuckets;
  const double width = std::ldexp(1.0, exponent - 6);
  return sub * width + (width - 1) / 2;
}

void Histogram::add(std::size_t bucket, std::uint64_t n) {
  const std::uint64_t total = buckets_[bucket] + (n & 0xffffffffULL);
  buckets_[bucket] = static_cast<std::uint32_t>(total);
  const std::uint64_t carry = (total >> 32) + (n >> 32);
  if (carry == 0) return;
  if (high_.empty()) high_.assign(buckets_.size(), 0);
  high_[bucket] += carry;
}

void Histogram::record(std::int64_t value) {
  if (value < 0) value = 0;
  std::uint32_t& bucket = buckets_[static_cast<std::size_t>(bucket_of(value))];
  if (++bucket == 0) {  // wrapped: carry one into the high part
    if (high_.empty()) high_.assign(buckets_.size(), 0);
    ++high_[static_cast<std::size_t>(&bucket - buckets_.data())];
  }
  if (count_ == 0 || value < min_) min_ = value;
  if (value > max_) max_ = value;
  ++count_;
  sum_ += value;
}

void Histogram::record_n(std::int64_t value, std::uint64_t times) {
  if (times == 0) return;
  if (value < 0) value = 0;
  add(static_cast<std::size_t>(bucket_of(value)), times);
  if (count_ == 0 || value < min_) min_ = value;
  if (value > max_) max_ = value;
  count_ += times;
  sum_ += value * static_cast<std::int64_t>(times);
}

void Histogram::merge(const Histogram& other) {
  if (other.count_ == 0) return;
  // Only the buckets between other's minimum and maximum can hold anything.
  const auto from = static_cast<std::size_t>(bucket_of(other.min_));
  const auto to = static_cast<std::size_t>(bucket_of(other.max_));
  for (std::size_t i = from; i <= to; ++i) {
    if (other.high_.empty() && high_.empty()) {
      const std::uint64_t total = std::uint64_t{buckets_[i]} + other.buckets_[i];
      if (total >> 32 == 0) {
        buckets_[i] = static_cast<std::uint32_t>(total);
        continue;
      }
    }
    add(i, other.bucket_count(i));
  }
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

void Histogram::clear() {
  if (count_ == 0) return;
  // Only the buckets between the minimum and the maximum can hold anything.
  std::fill(buckets_.begin() + bucket_of(min_), buckets_.begin() + bucket_of(max_) + 1, 0);
  high_.clear();
  count_ = 0;
  sum_ = 0;
  min_ = 0;
  max_ = 0;
}

double Histogram::mean() const {
  return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0;
}

double Histogram::quantile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  // The answer is the smallest bucket whose count with all below it reaches `rank`: walk up
  // from the minimum's bucket, or, for a rank in the upper half, down from the maximum's (the
  // largest bucket whose count with all above it exceeds count - rank): the same bucket, found
  // in fewer steps for the high quantiles.
  const auto low = static_cast<std::size_t>(bucket_of(min_));
  const auto high = static_cast<std::size_t>(bucket_of(max_));
  std::size_t found = high;
  if (rank <= count_ / 2) {
    std::uint64_t seen = 0;
    for (std::size_t i = low; i <= high; ++i) {
      seen += bucket_count(i);
      if (seen >= rank) {
        found = i;
        break;
      }
    }
  } else {
    const std::uint64_t above_limit = count_ - rank;
    std::uint64_t seen = 0;
    for (std::size_t i = high + 1; i-- > low;) {
      seen += bucket_count(i);
      if (seen > above_limit) {
        found = i;
        break;
      }
    }
  }
  const double value = midpoint_of(static_cast<int>(found));
  return std::clamp(value, static_cast<double>(min_), static_cast<double>(max_));
}

}  // namespace ripple::sim
