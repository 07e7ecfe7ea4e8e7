from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI

from techbridge.api.auth import AUTH
from techbridge.api.routers.accounts import router as accounts_router
from techbridge.api.routers.alliance import router as alliance_router
from techbridge.api.routers.catalog import need_router, technology_router
from techbridge.api.routers.deals import router as deals_router
from techbridge.api.routers.events import router as events_router
from techbridge.api.routers.experts import router as experts_router
from techbridge.api.routers.organisations import router as organisations_router
from techbridge.api.routers.search import router as search_router

api = NinjaAPI(
    title="techbridge API",
    version="1",
    description=(
        "JSON API of techbridge. Authenticate with a personal token "
        "(`Authorization: Bearer tb_…`, created on the API tokens page) or a browser session."
    ),
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError):
    if hasattr(error, "error_dict"):
        detail = {field: messages for field, messages in error.message_dict.items()}
    else:
        detail = {"__all__": error.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, error: PermissionDenied):
    return api.create_response(
        request, {"detail": "You do not have permission to do this."}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404):
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("/me", accounts_router)
api.add_router("/organisations", organisations_router)
api.add_router("/technologies", technology_router)
api.add_router("/needs", need_router)
api.add_router("/deals", deals_router)
api.add_router("/events", events_router)
api.add_router("/alliance", alliance_router)
api.add_router("/experts", experts_router)
api.add_router("", search_router)
