using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using StreamWatch.Lab.Apis;
using StreamWatch.Lab.Faults;

namespace StreamWatch.Lab;

/// <summary>Source-generated JSON for the Lab's API. Unknown fields in a fault request are refused, so a typo is a 400, not a silent default.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultResource))]
[JsonSerializable(typeof(FaultResource[]))]
[JsonSerializable(typeof(LabStreamsInfo))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class LabJsonContext : JsonSerializerContext;
