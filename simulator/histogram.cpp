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

void Histogram::record(std::int64_t value) {
  if (value < 0) value = 0;
  ++buckets_[static_cast<std::size_t>(bucket_of(value))];
  if (count_ == 0 || value < min_) min_ = value;
  if (value > max_) max_ = value;
  ++count_;
  sum_ += value;
}

void Histogram::merge(const Histogram& other) {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

void Histogram::clear() {
  if (count_ == 0) return;
  std::fill(buckets_.begin(), buckets_.end(), 0);
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
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const double value = midpoint_of(static_cast<int>(i));
      return std::clamp(value, static_cast<double>(min_), static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

}  // namespace ripple::sim
