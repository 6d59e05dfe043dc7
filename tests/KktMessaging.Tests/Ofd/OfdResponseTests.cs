using System.Net;
using KktMessaging.Service.Ofd;

namespace KktMessaging.Tests.Ofd;

public class OfdResponseTests
{
    [Theory]
    [InlineData(400, OfdErrorClass.Permanent)]
    [InlineData(422, OfdErrorClass.Permanent)]
    [InlineData(401, OfdErrorClass.Systemic)]
    [InlineData(403, OfdErrorClass.Systemic)]
    [InlineData(408, OfdErrorClass.Transient)]
    [InlineData(429, OfdErrorClass.Transient)]
    [InlineData(500, OfdErrorClass.Transient)]
    [InlineData(502, OfdErrorClass.Transient)]
    [InlineData(503, OfdErrorClass.Transient)]
    public void When_the_OFD_answers_an_error_Should_classify_it(int status, OfdErrorClass expected) =>
        Assert.Equal(expected, OfdResponse.Classify((HttpStatusCode)status));
}
