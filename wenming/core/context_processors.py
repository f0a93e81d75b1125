from django.conf import settings


def platform(request):
    return {
        "PLATFORM_NAME": settings.WENMING["PLATFORM_NAME"],
        "DEMO_LOGIN": settings.WENMING["DEMO_LOGIN"],
    }


def console_nav(request):
    from .nav import console_links

    return {"CONSOLE_LINKS": console_links()}
