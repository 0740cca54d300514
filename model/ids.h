#pragma once

// Dense ids of the spec's elements: indices into the Spec's vectors, one distinct type per kind
// of element, so that a broker id cannot be passed where a service id belongs.
//
//   model::ServiceId s{3};              // explicit from an index
//   const Service& svc = spec.services[s];  // implicit to an index
//   model::BrokerId b = s;              // does not compile
//   bool same = (s == b);               // does not compile
//
// A default-constructed id is "none" (-1), the value the loader leaves where a reference is
// absent; has_value() tells.

#include <cstddef>
#include <functional>

namespace ripple::model {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(int index) : index_(index) {}

  // The index into the Spec's vector of this kind of element.
  constexpr operator int() const { return index_; }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] constexpr int index() const { return index_; }
  [[nodiscard]] constexpr bool has_value() const { return index_ >= 0; }

  friend constexpr bool operator==(Id a, Id b) { return a.index_ == b.index_; }
  friend constexpr auto operator<=>(Id a, Id b) { return a.index_ <=> b.index_; }
  // Ids of different kinds never compare.
  template <typename Other>
  friend bool operator==(Id, Id<Other>) = delete;

 private:
  int index_ = -1;
};

// The ids 0..count-1 of one kind, for range-for: `for (model::EventId e : spec.event_ids())`.
template <typename IdType>
class IdRange {
 public:
  class iterator {
   public:
    constexpr explicit iterator(int index) : index_(index) {}
    constexpr IdType operator*() const { return IdType{index_}; }
    constexpr iterator& operator++() {
      ++index_;
      return *this;
    }
    constexpr bool operator==(const iterator&) const = default;

   private:
    int index_;
  };
  constexpr explicit IdRange(std::size_t count) : count_(static_cast<int>(count)) {}
  [[nodiscard]] constexpr iterator begin() const { return iterator(0); }
  [[nodiscard]] constexpr iterator end() const { return iterator(count_); }

 private:
  int count_;
};

using ServiceId = Id<struct ServiceTag>;
using OperationId = Id<struct OperationTag>;
using ConsumerId = Id<struct ConsumerTag>;
using EventId = Id<struct EventTag>;
using BrokerId = Id<struct BrokerTag>;
using StoreId = Id<struct StoreTag>;
using EntityId = Id<struct EntityTag>;

}  // namespace ripple::model

template <typename Tag>
struct std::hash<ripple::model::Id<Tag>> {
  std::size_t operator()(ripple::model::Id<Tag> id) const noexcept {
    return std::hash<int>{}(id.index());
  }
};
