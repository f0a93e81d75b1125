
app_name = "briefings"
urlpatterns: list = []
