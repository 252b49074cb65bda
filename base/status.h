// Small helpers around absl::Status for early returns.
//
// The Abseil shipped with Debian 12 (20220623) has no RETURN_IF_ERROR or
// ASSIGN_OR_RETURN, so the project keeps these two portable macros here.
#ifndef RSTSCOPE_BASE_STATUS_H_
#define RSTSCOPE_BASE_STATUS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RS_CONCAT_INNER_(a, b) a##b
#define RS_CONCAT_(a, b) RS_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status); returns it from the enclosing function
// when it is not OK.
#define RS_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::absl::Status rs_status_ = (expr);           \
    if (!rs_status_.ok()) return rs_status_;      \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status from
// the enclosing function, otherwise moves the value into `lhs`, which may be
// a declaration (`auto x`) or an existing variable.
#define RS_ASSIGN_OR_RETURN(lhs, rexpr) \
  RS_ASSIGN_OR_RETURN_IMPL_(RS_CONCAT_(rs_statusor_, __LINE__), lhs, rexpr)

#define RS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // RSTSCOPE_BASE_STATUS_H_
