// SPDX-License-Identifier: Apache-2.0
//
// Registration of the API's routes, one function per resource family. The
// list in api.cc calls each; a new family adds one function here.
#pragma once

#include "api/router.h"

namespace sw::api {

void AddAuthRoutes(Router& r);
void AddTenantRoutes(Router& r);
void AddAssetRoutes(Router& r);
void AddUserRoutes(Router& r);
void AddAuditRoutes(Router& r);
void AddScanRoutes(Router& r);
void AddAlertRoutes(Router& r);
void AddIntelRoutes(Router& r);
// TAXII 2.1 under /api/taxii2/ (routes_taxii.cc).
void AddTaxiiRoutes(Router& r);
bool IsTaxiiPath(std::string_view path);
// Rewrites a platform error response ({"error":{...}}) on a TAXII path as a
// TAXII error message with the TAXII media type; other responses unchanged.
void ToTaxiiError(sys::HttpResponse& r);
// Health and the OpenAPI document (which needs the finished router).
void AddMetaRoutes(Router& r, const Router& documented);

}  // namespace sw::api
