from rest_framework import serializers

from ambassador.core.querysets import visible_queryset


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary-key relation that accepts only rows the requesting user may see.

    Naming another city's row is answered like naming one that does not exist: a 400 on the field.
    """

    def __init__(self, model=None, **kwargs):
        self.scoped_model = model
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.scoped_model._default_manager.none()
        return visible_queryset(self.scoped_model, request.user)
