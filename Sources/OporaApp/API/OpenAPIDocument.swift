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
          "RoadmapSummary": { "type": "object", "required": ["id", "authorityId", "title", "periodStart", "periodEnd", "status", "version"], "properties": {
            "id": { "type": "integer" }, "authorityId": { "type": "integer" }, "schoolId": { "type": "integer", "nullable": true },
            "title": { "type": "string" }, "periodStart": { "type": "string", "format": "date" }, "periodEnd": { "type": "string", "format": "date" },
            "status": { "type": "string", "enum": ["draft", "approved", "inProgress", "closed"] }, "version": { "type": "integer" },
            "order": { "$ref": "#/components/schemas/Order" }, "publicUrl": { "type": "string", "nullable": true } } },
          "Measure": { "type": "object", "required": ["id", "number", "name", "deadline", "responsible", "links", "occurrences"], "properties": {
            "id": { "type": "integer" }, "number": { "type": "string" }, "name": { "type": "string" }, "form": { "type": "string", "nullable": true },
            "deadline": { "type": "object", "required": ["text", "reading", "needsReview"], "properties": { "text": { "type": "string" }, "reading": { "type": "string" }, "needsReview": { "type": "boolean" } } },
            "responsible": { "type": "string" }, "expectedResult": { "type": "string", "nullable": true },
            "links": { "type": "array", "items": { "type": "string" } },
            "occurrences": { "type": "array", "items": { "type": "object", "required": ["status", "review", "urgency"], "properties": {
              "due": { "type": "string", "format": "date", "nullable": true },
              "status": { "type": "string", "enum": ["notStarted", "inProgress", "done", "partlyDone", "notDone"] },
              "review": { "type": "string", "enum": ["none", "pending", "accepted", "returned"] },
              "urgency": { "type": "string", "enum": ["overdue", "dueSoon", "upcoming", "closed", "noDate"] } } } } } },
          "Roadmap": { "type": "object", "required": ["roadmap", "tasks", "indicators", "levels"], "properties": {
            "roadmap": { "$ref": "#/components/schemas/RoadmapSummary" }, "goal": { "type": "string", "nullable": true },
            "tasks": { "type": "array", "items": { "type": "string" } },
            "indicators": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "target": { "type": "string" }, "unit": { "type": "string" } } } },
            "levels": { "type": "array", "items": { "type": "object", "properties": { "title": { "type": "string", "nullable": true },
              "sections": { "type": "array", "items": { "type": "object", "properties": { "title": { "type": "string", "nullable": true },
                "measures": { "type": "array", "items": { "$ref": "#/components/schemas/Measure" } } } } } } } } } },
          "ImportProblems": { "type": "object", "required": ["error", "status", "problems", "warnings"], "properties": {
            "error": { "type": "string" }, "status": { "type": "integer" },
            "problems": { "type": "array", "items": { "type": "string" } }, "warnings": { "type": "array", "items": { "type": "string" } } } },
          "RoadmapImport": { "type": "object", "required": ["authorityId", "title", "period", "text"], "properties": {
            "authorityId": { "type": "integer" }, "schoolId": { "type": "integer", "nullable": true }, "title": { "type": "string" },
            "period": { "type": "string", "example": "2025" }, "text": { "type": "string", "description": "Таблица с заголовком, столбцы через табуляцию (как при копировании из Word или Excel)" } } },
          "RoadmapCreate": { "type": "object", "required": ["authorityId", "title", "period", "levels"], "properties": {
            "authorityId": { "type": "integer" }, "schoolId": { "type": "integer", "nullable": true }, "title": { "type": "string" }, "period": { "type": "string" },
            "goal": { "type": "string", "nullable": true }, "tasks": { "type": "array", "items": { "type": "string" } },
            "indicators": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "target": { "type": "string" }, "unit": { "type": "string" } } } },
            "levels": { "type": "array", "items": { "type": "object", "properties": { "title": { "type": "string", "nullable": true },
              "sections": { "type": "array", "items": { "type": "object", "properties": { "title": { "type": "string", "nullable": true },
                "measures": { "type": "array", "items": { "type": "object", "required": ["number", "name", "deadline", "responsible"], "properties": {
                  "number": { "type": "string" }, "name": { "type": "string" }, "form": { "type": "string", "nullable": true }, "deadline": { "type": "string" },
                  "responsible": { "type": "string" }, "expectedResult": { "type": "string", "nullable": true }, "links": { "type": "array", "items": { "type": "string" } } } } } } } } } } } } },
          "RiskProfileEntry": { "type": "object", "required": ["year", "factor", "factorCode"], "properties": {
            "year": { "type": "integer" }, "factor": { "type": "string" }, "factorCode": { "type": "string" }, "score": { "type": "number", "nullable": true },
            "computed": { "type": "string", "nullable": true }, "override": { "type": "string", "nullable": true },
            "justification": { "type": "string", "nullable": true }, "significance": { "type": "string", "nullable": true } } },
          "RiskSummary": { "type": "object", "required": ["authorityId", "year", "statements", "paragraph", "lines"], "properties": {
            "authorityId": { "type": "integer" }, "year": { "type": "integer" },
            "statements": { "type": "array", "items": { "type": "string" } }, "paragraph": { "type": "string" },
            "lines": { "type": "array", "items": { "type": "object", "properties": {
              "factors": { "type": "array", "items": { "type": "string" } }, "schools": { "type": "array", "items": { "type": "string" } },
              "schoolNumbers": { "type": "array", "items": { "type": "integer" } } } } } } },
          "ResultsSlice": { "type": "object", "required": ["name", "participants", "marks", "lowered", "confirmed", "raised"], "properties": {
            "name": { "type": "string" }, "participants": { "type": "integer" },
            "marks": { "type": "object", "additionalProperties": { "type": "integer" }, "description": "отметка → число участников" },
            "meanPrimary": { "type": "number", "nullable": true }, "lowered": { "type": "integer" }, "confirmed": { "type": "integer" }, "raised": { "type": "integer" },
            "flagged": { "type": "boolean", "nullable": true } } },
          "ResultImport": { "type": "object", "required": ["id", "authorityId", "kind", "subject", "grade", "year", "fileName", "participants", "importedBy"], "properties": {
            "id": { "type": "integer" }, "authorityId": { "type": "integer" }, "kind": { "type": "string", "enum": ["vpr", "oge", "ege"] },
            "subject": { "type": "string" }, "grade": { "type": "integer" }, "year": { "type": "integer" }, "fileName": { "type": "string" },
            "participants": { "type": "integer" }, "marksSource": { "type": "string", "nullable": true }, "importedBy": { "type": "string" },
            "importedAt": { "type": "string", "format": "date-time", "nullable": true } } },
          "ResultsSummary": { "type": "object", "required": ["kind", "subject", "grade", "year", "tasks", "total", "schools"], "properties": {
            "kind": { "type": "string", "enum": ["vpr", "oge", "ege"] }, "subject": { "type": "string" }, "grade": { "type": "integer" }, "year": { "type": "integer" },
            "tasks": { "type": "array", "items": { "type": "object", "properties": { "label": { "type": "string" }, "level": { "type": "string", "nullable": true },
              "maxScore": { "type": "number" }, "solveRate": { "type": "number", "nullable": true }, "notMastered": { "type": "boolean" } } } },
            "total": { "$ref": "#/components/schemas/ResultsSlice" }, "schools": { "type": "array", "items": { "$ref": "#/components/schemas/ResultsSlice" } } } },
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
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/roadmaps": {
          "get": { "summary": "Дорожные карты в области доступа", "operationId": "listRoadmaps",
            "parameters": [{ "name": "authorityId", "in": "query", "required": false, "schema": { "type": "integer" } }],
            "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/RoadmapSummary" } } } } },
                           "401": { "$ref": "#/components/responses/Unauthorized" } } },
          "post": { "summary": "Создать проект дорожной карты из JSON", "operationId": "createRoadmap",
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RoadmapCreate" } } } },
            "responses": { "201": { "description": "Создана", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Roadmap" } } } },
                           "422": { "description": "Ошибки", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportProblems" } } } },
                           "401": { "$ref": "#/components/responses/Unauthorized" }, "403": { "description": "Нет прав" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/roadmaps/import": { "post": { "summary": "Импорт таблицы дорожной карты (проект)", "operationId": "importRoadmap",
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RoadmapImport" } } } },
          "responses": { "201": { "description": "Создана", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Roadmap" } } } },
                         "422": { "description": "Ошибки по строкам", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportProblems" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "403": { "description": "Нет прав" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/roadmaps/{roadmapId}": { "get": { "summary": "Дорожная карта с разделами, мероприятиями и сроками исполнения", "operationId": "getRoadmap",
          "parameters": [{ "name": "roadmapId", "in": "path", "required": true, "schema": { "type": "integer" } }],
          "responses": { "200": { "description": "Объект", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Roadmap" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/roadmaps/{roadmapId}/export.docx": { "get": { "summary": "Приказ с приложением (DOCX)", "operationId": "exportRoadmapDocx",
          "parameters": [{ "name": "roadmapId", "in": "path", "required": true, "schema": { "type": "integer" } }],
          "responses": { "200": { "description": "Файл", "content": { "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { "schema": { "type": "string", "format": "binary" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/roadmaps/{roadmapId}/export.xlsx": { "get": { "summary": "Дорожная карта (XLSX)", "operationId": "exportRoadmapXlsx",
          "parameters": [{ "name": "roadmapId", "in": "path", "required": true, "schema": { "type": "integer" } }],
          "responses": { "200": { "description": "Файл", "content": { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/schools/{schoolId}/risk-profiles": { "get": { "summary": "Рисковый профиль школы по годам", "operationId": "schoolRiskProfiles",
          "parameters": [{ "$ref": "#/components/parameters/schoolId" }],
          "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/RiskProfileEntry" } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/schools/{schoolId}/roadmaps": { "get": { "summary": "Дорожные карты школы (ШДК)", "operationId": "schoolRoadmaps",
          "parameters": [{ "$ref": "#/components/parameters/schoolId" }],
          "responses": { "200": { "description": "Список", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/RoadmapSummary" } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/authorities/{authorityId}/risk-summary": { "get": { "summary": "Сводка рисковых профилей ШНОР (формулировки отчёта)", "operationId": "riskSummary",
          "parameters": [{ "$ref": "#/components/parameters/authorityId" }, { "name": "year", "in": "query", "required": true, "schema": { "type": "integer", "example": 2020 } }],
          "responses": { "200": { "description": "Сводка", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RiskSummary" } } } },
                         "400": { "description": "Не указан год", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/results/summary": { "get": { "summary": "Показатели результатов оценочной процедуры по школам", "operationId": "resultsSummary",
          "parameters": [
            { "name": "level", "in": "query", "required": false, "schema": { "type": "string", "enum": ["region", "authority", "school"] } },
            { "name": "id", "in": "query", "required": true, "schema": { "type": "integer" } },
            { "name": "year", "in": "query", "required": true, "schema": { "type": "integer" } },
            { "name": "subject", "in": "query", "required": true, "schema": { "type": "string" } },
            { "name": "grade", "in": "query", "required": true, "schema": { "type": "integer" } },
            { "name": "kind", "in": "query", "required": false, "schema": { "type": "string", "enum": ["vpr", "oge", "ege"] } }],
          "responses": { "200": { "description": "Показатели", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ResultsSummary" } } } },
                         "400": { "description": "Не хватает параметров", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/results/imports": {
          "get": { "summary": "Загруженные файлы результатов муниципалитета", "operationId": "listResultImports",
            "parameters": [{ "name": "authority", "in": "query", "required": true, "schema": { "type": "integer" } }],
            "responses": { "200": { "description": "Загрузки", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/ResultImport" } } } } },
                           "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } },
          "post": { "summary": "Загрузить файл результатов ВПР/ОГЭ/ЕГЭ: проверка, затем одна транзакция", "operationId": "importResults",
            "parameters": [
              { "name": "authority", "in": "query", "required": true, "schema": { "type": "integer" } },
              { "name": "fileName", "in": "query", "required": false, "schema": { "type": "string" } },
              { "name": "kind", "in": "query", "required": false, "schema": { "type": "string", "enum": ["vpr", "oge", "ege"] } },
              { "name": "subject", "in": "query", "required": false, "schema": { "type": "string" } },
              { "name": "grade", "in": "query", "required": false, "schema": { "type": "integer" } },
              { "name": "year", "in": "query", "required": false, "schema": { "type": "integer" } },
              { "name": "school", "in": "query", "required": false, "schema": { "type": "integer" } }],
            "requestBody": { "required": true, "content": { "text/csv": { "schema": { "type": "string", "format": "binary" } },
                                                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } } } },
            "responses": { "201": { "description": "Загружено", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ResultImport" } } } },
                           "200": { "description": "Этот файл уже был загружен", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ResultImport" } } } },
                           "422": { "description": "Ошибки в файле; ничего не сохранено", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportProblems" } } } },
                           "401": { "$ref": "#/components/responses/Unauthorized" }, "403": { "description": "Нет прав на загрузку" } } } },
        "/schools/{schoolId}/diagnostic-card": { "get": { "summary": "Диагностическая карта школы: результаты по годам рядом с муниципалитетом", "operationId": "diagnosticCard",
          "parameters": [{ "$ref": "#/components/parameters/schoolId" }],
          "responses": { "200": { "description": "Строки карты", "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object",
            "required": ["kind", "year", "subject", "grade", "participants", "twos", "municipalityTwos"], "properties": {
              "kind": { "type": "string", "enum": ["vpr", "oge", "ege"] }, "year": { "type": "integer" }, "subject": { "type": "string" }, "grade": { "type": "integer" },
              "participants": { "type": "integer" }, "twos": { "type": "number" }, "meanMark": { "type": "number", "nullable": true },
              "municipalityTwos": { "type": "number" }, "municipalityMeanMark": { "type": "number", "nullable": true },
              "regionTwos": { "type": "number" }, "regionMeanMark": { "type": "number", "nullable": true } } } } } } },
                         "401": { "$ref": "#/components/responses/Unauthorized" }, "404": { "$ref": "#/components/responses/NotFound" } } } }
      }
    }
    """#
}
