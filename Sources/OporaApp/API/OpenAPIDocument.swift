/// The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json.
/// Kept next to the DTOs it describes; a test checks every documented path answers.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Опора API",
        "version": "1.0.0",
        "description": "Реестр школ, ежегодные списки ШНОР/ШНСУ/предШНОР и динамика списка. Аутентификация: персональный токен (Authorization: Bearer …), создаётся в профиле или командой `opora token create --login <login>`. Каждый пользователь видит только свою область доступа."
      },
      "servers": [{ "url": "/api/v1" }],
      "security": [{ "bearer": [] }],
      "components": {
        "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        "schemas": {
          "Error": { "type": "object", "required": ["error", "status"], "properties": { "error": { "type": "string" }, "status": { "type": "integer" } } },
          "Authority": { "type": "object", "required": ["id", "code", "municipality", "region", "name", "shortName"], "properties": {
            "id": { "type": "integer" }, "code": { "type": "string", "example": "yurga" }, "municipality": { "type": "string" },
            "region": { "type": "string" }, "name": { "type": "string" }, "shortName": { "type": "string" } } },
          "School": { "type": "object", "required": ["id", "authorityId", "kind", "legalForm", "shortName", "fullName"], "properties": {
            "id": { "type": "integer" }, "authorityId": { "type": "integer" },
            "kind": { "type": "string", "enum": ["sosh", "oosh", "lyceum", "gymnasium", "educationCentre", "educationComplex"] },
            "legalForm": { "type": "string" }, "number": { "type": "integer", "nullable": true },
            "shortName": { "type": "string" }, "fullName": { "type": "string" } } },
          "Order": { "type": "object", "properties": { "number": { "type": "string", "nullable": true }, "date": { "type": "string", "nullable": true, "format": "date" }, "issuer": { "type": "string", "nullable": true } } },
          "ListEntry": { "type": "object", "required": ["id", "year", "status", "schoolId", "school"], "properties": {
            "id": { "type": "integer" }, "year": { "type": "integer" },
            "status": { "type": "string", "enum": ["lowResults", "adverseConditions", "atRisk"] },
            "schoolId": { "type": "integer" }, "school": { "type": "string" }, "basis": { "type": "string", "nullable": true },
            "order": { "$ref": "#/components/schemas/Order" } } },
          "ListDynamicsRow": { "type": "object", "required": ["schoolId", "school", "inList", "atRiskInLastYear"], "properties": {
            "schoolId": { "type": "integer" }, "school": { "type": "string" },
            "inList": { "type": "object", "additionalProperties": { "type": "boolean" }, "description": "год → в списке ШНОР" },
            "times": { "type": "integer", "nullable": true },
            "kind": { "type": "string", "nullable": true, "enum": ["chronic", "flickering", "firstTime"] },
            "atRiskInLastYear": { "type": "boolean" } } },
          "ListDynamics": { "type": "object", "required": ["authorityId", "from", "to", "windowYears", "chronicMinTimes", "rows", "totals", "totalTimes"], "properties": {
            "authorityId": { "type": "integer" }, "from": { "type": "integer" }, "to": { "type": "integer" },
            "windowYears": { "type": "integer" }, "chronicMinTimes": { "type": "integer" },
            "rows": { "type": "array", "items": { "$ref": "#/components/schemas/ListDynamicsRow" } },
            "totals": { "type": "object", "additionalProperties": { "type": "integer" } },
            "totalTimes": { "type": "integer" } } }
        },
        "parameters": {
          "authorityId": { "name": "authorityId", "in": "path", "required": true, "schema": { "type": "integer" } },
          "schoolId": { "name": "schoolId", "in": "path", "required": true, "schema": { "type": "integer" } }
        },
        "responses": {
          "Unauthorized": { "description": "Нет или неверный токен", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "NotFound": { "description": "Нет такого объекта или он вне области доступа", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        }
      },
      "paths": {
        "/authorities": { "get": { "summary": "Муниципальные органы управления образованием в области доступа", "operationId": "listAuthorities",
          "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Authority" } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" } } } },
        "/authorities/{authorityId}": { "get": { "summary": "Орган управления образованием", "operationId": "getAuthority",
          "parameters": [{ "$ref": "#/components/parameters/authorityId" }],
          "responses": { "200": { "description": "Объект", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Authority" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/authorities/{authorityId}/schools": { "get": { "summary": "Школы муниципалитета", "operationId": "listSchools",
          "parameters": [{ "$ref": "#/components/parameters/authorityId" }],
          "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/School" } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/schools/{schoolId}": { "get": { "summary": "Школа", "operationId": "getSchool",
          "parameters": [{ "$ref": "#/components/parameters/schoolId" }],
          "responses": { "200": { "description": "Объект", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/School" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/authorities/{authorityId}/list-entries": { "get": { "summary": "Записи ежегодных списков", "operationId": "listEntries",
          "parameters": [{ "$ref": "#/components/parameters/authorityId" }, { "name": "year", "in": "query", "required": false, "schema": { "type": "integer" } }],
          "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/ListEntry" } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/authorities/{authorityId}/list-dynamics": { "get": { "summary": "Динамика списка ШНОР (таблица приказа № 882 г. Юрги)", "operationId": "listDynamics",
          "parameters": [{ "$ref": "#/components/parameters/authorityId" },
            { "name": "from", "in": "query", "required": false, "schema": { "type": "integer", "example": 2020 } },
            { "name": "to", "in": "query", "required": false, "schema": { "type": "integer", "example": 2024 } }],
          "responses": { "200": { "description": "Таблица", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ListDynamics" } } } },
                         "400": { "description": "Неверный диапазон", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } }
      }
    }
    """#
}
