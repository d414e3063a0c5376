// The API's routes, registered by area. Each handler is thin: it parses the
// request, calls a use case in app/ and maps the result.
#pragma once

#include "retain/api/metrics.h"
#include "retain/api/router.h"

namespace retain::api {

void AddSystemRoutes(Router& router, Metrics& metrics);  // healthz, metrics, openapi.json
void AddCustomerRoutes(Router& router);                  // /api/v1/customers
void AddOrderRoutes(Router& router);                     // /api/v1/orders, /api/v1/returns
void AddReportRoutes(Router& router);                    // kpis, cohorts, rfm
void AddSegmentRoutes(Router& router);                   // /api/v1/segments
void AddApiKeyRoutes(Router& router);                    // /api/v1/apikeys
void AddClvRoutes(Router& router);             // /api/v1/clv: fit, score, latest fits and run
void AddRecommendationRoutes(Router& router);  // associations, a customer's recommendations
void AddImportRoutes(Router& router);          // /api/v1/imports: CSV uploads as jobs
void AddLoyaltyRoutes(Router& router);         // /api/v1/loyalty: the Kunden-Club
void AddConsentRoutes(Router& router);         // /api/v1/customers/{id}/consents
void AddPlanRoutes(Router& router);            // /api/v1/plan: the contact calendar
void AddUnsubscribeRoutes(Router& router);     // /u/{token}: unsubscribe links
void AddGdprRoutes(Router& router);            // customer export and erasure
void AddFeedbackRoutes(Router& router);   // /f/{token} survey page, feedback, survey links, NPS
void AddServiceRoutes(Router& router);    // tasks, conversations, service figures
void AddSettingsRoutes(Router& router);   // /api/v1/settings: the configuration in force
void AddDashboardRoutes(Router& router);  // / and /ui/{file}: the web dashboard

}  // namespace retain::api
