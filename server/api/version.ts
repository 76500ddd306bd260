/** The REST API's version as the OpenAPI document states it; v1 changes only by adding (docs/api.md). */
export const API_VERSION = "1.0.0";
